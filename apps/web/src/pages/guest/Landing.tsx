// PLACEHOLDER: replaced by the page's owner.
export default function Landing() {
  return null;
}
