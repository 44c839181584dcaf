// PLACEHOLDER: replaced by the page's owner.
export default function Perks() {
  return null;
}
