/** The worker's job kind for the evidence PDF, and what the api sends it. */
export const EVIDENCE_KIND = 'recognition.evidence';

export interface EvidenceData {
  version: 1;
  code: string;
  verifyUrl: string;
  /** The QR of verifyUrl, as an SVG document. */
  qrSvg: string;
  generatedAt: string;
  fiscalYear: { year: number; th: string; en: string; from: string; to: string };
  member: {
    displayName: string;
    memberKind: { th: string; en: string };
    school: string | null;
    area: string | null;
    level: { th: string; en: string };
  };
  totals: {
    innovationsPublished: number;
    adoptions: number;
    adoptingSchools: number;
    endorsements: number;
    feedbackGiven: number;
    pointsEarned: number;
    badges: number;
  };
  innovations: {
    title: string;
    publishedOn: string;
    averageRating: number | null;
    ratings: number;
    adoptions: number;
    endorsements: number;
  }[];
  adoptions: { innovation: string; school: string | null; usedOn: string }[];
  endorsements: { innovation: string; partner: string; on: string }[];
  badges: { th: string; en: string; awardedOn: string; credentialUrl: string | null }[];
  certificates: { th: string; en: string; on: string }[];
  plan: {
    title: string;
    progress: number;
    goals: { th: string; en: string; targetLevel: number }[];
    activities: { title: string; dueOn: string | null; done: boolean }[];
    checkIns: { progress: number; reflection: string; on: string }[];
  } | null;
}
