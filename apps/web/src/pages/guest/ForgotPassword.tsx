// PLACEHOLDER: replaced by the page's owner.
export default function ForgotPassword() {
  return null;
}
