// PLACEHOLDER: replaced by the page's owner.
export default function Register() {
  return null;
}
