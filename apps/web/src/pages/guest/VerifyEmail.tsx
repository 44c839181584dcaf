// PLACEHOLDER: replaced by the page's owner.
export default function VerifyEmail() {
  return null;
}
