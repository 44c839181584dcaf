// PLACEHOLDER: replaced by the page's owner.
export default function InnovationPage() {
  return null;
}
