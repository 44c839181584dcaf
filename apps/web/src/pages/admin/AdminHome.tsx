// PLACEHOLDER: replaced by the page's owner.
export default function AdminHome() {
  return null;
}
