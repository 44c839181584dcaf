// PLACEHOLDER: replaced by the page's owner.
export default function Wallet() {
  return null;
}
