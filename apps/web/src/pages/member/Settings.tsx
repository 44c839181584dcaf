// PLACEHOLDER: replaced by the page's owner.
export default function Settings() {
  return null;
}
