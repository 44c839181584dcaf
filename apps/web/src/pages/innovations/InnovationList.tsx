// PLACEHOLDER: replaced by the page's owner.
export default function InnovationList() {
  return null;
}
