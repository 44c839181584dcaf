// PLACEHOLDER: replaced by the page's owner.
export default function MyRedemptions() {
  return null;
}
