// PLACEHOLDER: replaced by the page's owner.
export default function ModerationQueue() {
  return null;
}
