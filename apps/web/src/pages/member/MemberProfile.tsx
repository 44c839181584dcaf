// PLACEHOLDER: replaced by the page's owner.
export default function MemberProfile() {
  return null;
}
