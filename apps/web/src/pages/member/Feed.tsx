// PLACEHOLDER: replaced by the page's owner.
export default function Feed() {
  return null;
}
