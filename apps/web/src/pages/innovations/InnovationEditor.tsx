// PLACEHOLDER: replaced by the page's owner.
export default function InnovationEditor() {
  return null;
}
