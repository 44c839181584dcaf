// PLACEHOLDER: replaced by the page's owner.
export default function Notifications() {
  return null;
}
