// PLACEHOLDER: replaced by the page's owner.
export default function PartnerVerify() {
  return null;
}
