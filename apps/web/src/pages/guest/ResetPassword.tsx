// PLACEHOLDER: replaced by the page's owner.
export default function ResetPassword() {
  return null;
}
