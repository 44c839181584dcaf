import {
  IconBallFootball,
  IconBook,
  IconBulb,
  IconFlask,
  IconLanguage,
  IconMathSymbols,
  IconMoodKid,
  IconPalette,
  IconTools,
  IconUsersGroup,
  IconWorld,
} from '@tabler/icons-react';

/** Each learning area gets its own colour and picture, like the class cards of Google Classroom. */
const SUBJECTS: Record<string, { color: string; icon: typeof IconBulb }> = {
  THA: { color: 'red', icon: IconBook },
  MAT: { color: 'blue', icon: IconMathSymbols },
  SCI: { color: 'teal', icon: IconFlask },
  SOC: { color: 'grape', icon: IconWorld },
  HPE: { color: 'green', icon: IconBallFootball },
  ART: { color: 'pink', icon: IconPalette },
  OCC: { color: 'orange', icon: IconTools },
  FLA: { color: 'indigo', icon: IconLanguage },
  DEV: { color: 'violet', icon: IconUsersGroup },
  ECE: { color: 'cyan', icon: IconMoodKid },
};

export function subjectOf(code: string | undefined): { color: string; icon: typeof IconBulb } {
  return (code && SUBJECTS[code]) || { color: 'lc', icon: IconBulb };
}
