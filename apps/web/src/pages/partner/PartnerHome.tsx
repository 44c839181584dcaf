// PLACEHOLDER: replaced by the page's owner.
export default function PartnerHome() {
  return null;
}
