/** A complete, publishable innovation in realistic Thai; override any field. */
export const fullInnovation = (overrides: Record<string, unknown> = {}) => ({
  title: 'กิจกรรมคณิตศาสตร์สนุกสำหรับเด็กประถม',
  summary: 'เรียนเศษส่วนผ่านการทำขนมครกร่วมกันในชั้นเรียน',
  body: '## ขั้นตอน\n\n1. แบ่งกลุ่มนักเรียน\n2. ทำขนมครกและแบ่งส่วน\n\nนักเรียนเข้าใจเศษส่วนจากของจริง',
  learningAreas: ['MAT'],
  gradeLevels: ['P4', 'P5'],
  competencies: [
    { code: 'CBC-HT', strength: 3 },
    { code: 'CBC-TW', strength: 2 },
  ],
  techniques: ['GBL', 'COOP'],
  tags: ['เศษส่วน', 'ขนมไทย'],
  context: { schoolSize: 'small', setting: 'rural', classSize: 24 },
  links: [{ url: 'https://www.youtube.com/watch?v=abc', title: 'วิดีโอสาธิต' }],
  license: 'CC-BY-SA',
  ...overrides,
});
