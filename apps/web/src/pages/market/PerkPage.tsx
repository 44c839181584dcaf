// PLACEHOLDER: replaced by the page's owner.
export default function PerkPage() {
  return null;
}
