// PLACEHOLDER: replaced by the page's owner.
export default function PartnerPerkEditor() {
  return null;
}
