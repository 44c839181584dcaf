// PLACEHOLDER: replaced by the page's owner.
export default function Login() {
  return null;
}
