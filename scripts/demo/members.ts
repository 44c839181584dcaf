import type { DemoMember, DemoSchool } from './types';

/** Six demo schools in three real areas: two primary areas and one secondary area. */
export const DEMO_SCHOOLS: DemoSchool[] = [
  {
    key: 'krabi1',
    code: '9990810001',
    nameTh: 'โรงเรียนสาธิตชุมชนการเรียนรู้ กระบี่ 1 (ข้อมูลสาธิต)',
    nameEn: 'Learning Community Demo School Krabi 1',
    areaCode: 'P81',
    provinceCode: '81',
  },
  {
    key: 'krabi2',
    code: '9990810002',
    nameTh: 'โรงเรียนสาธิตชุมชนการเรียนรู้ กระบี่ 2 (ข้อมูลสาธิต)',
    nameEn: 'Learning Community Demo School Krabi 2',
    areaCode: 'P81',
    provinceCode: '81',
  },
  {
    key: 'cm1',
    code: '9990500101',
    nameTh: 'โรงเรียนสาธิตบ้านดอยคำ (ข้อมูลสาธิต)',
    nameEn: 'Ban Doi Kham Demo School',
    areaCode: 'P50-1',
    provinceCode: '50',
  },
  {
    key: 'cm2',
    code: '9990500102',
    nameTh: 'โรงเรียนสาธิตวัดป่าแดง (ข้อมูลสาธิต)',
    nameEn: 'Wat Pa Daeng Demo School',
    areaCode: 'P50-1',
    provinceCode: '50',
  },
  {
    key: 'kk1',
    code: '9990400601',
    nameTh: 'โรงเรียนสาธิตแก่นนครวิทยา (ข้อมูลสาธิต)',
    nameEn: 'Kaen Nakhon Witthaya Demo School',
    areaCode: 'S06',
    provinceCode: '40',
  },
  {
    key: 'kk2',
    code: '9990400602',
    nameTh: 'โรงเรียนสาธิตภูเวียงศึกษา (ข้อมูลสาธิต)',
    nameEn: 'Phu Wiang Suksa Demo School',
    areaCode: 'S06',
    provinceCode: '40',
  },
];

const t = (
  key: string,
  displayName: string,
  school: string,
  learningAreas: string[],
  academicStanding = 'CP',
): DemoMember => ({
  key,
  email: `${key}@demo.local`,
  displayName,
  memberKind: 'teacher',
  school,
  learningAreas,
  academicStanding,
});

/**
 * 45 members. The first six are the accounts quickstart prints; the others sign in with the same password but are
 * there so that the community has people in it. Keys are what the content files name.
 */
export const DEMO_MEMBERS: DemoMember[] = [
  {
    key: 'somjai',
    email: 'teacher@demo.local',
    displayName: 'ครูสมใจ ใฝ่เรียนรู้',
    memberKind: 'teacher',
    school: 'krabi1',
    learningAreas: ['THA'],
    academicStanding: 'CPS',
    bio: 'ครูภาษาไทยชั้นประถม ชอบออกแบบเกมการอ่านให้เด็กได้ขยับตัว',
    label: 'teacher (ครู)',
  },
  {
    key: 'wittaya',
    email: 'teacher2@demo.local',
    displayName: 'ครูวิทยา ก้าวหน้า',
    memberKind: 'teacher',
    school: 'krabi2',
    learningAreas: ['SCI'],
    academicStanding: 'CP',
    bio: 'ครูวิทยาศาสตร์ ใช้ทะเลและป่าชายเลนหน้าโรงเรียนเป็นห้องเรียน',
    label: 'teacher (ครู)',
  },
  {
    key: 'partner-staff',
    email: 'partner@demo.local',
    displayName: 'คุณนภัสสร ใจกว้าง (ภาคีเครือข่าย)',
    memberKind: 'public',
    school: null,
    grant: { role: 'partner_staff', scope: 'partner', scopeKey: 'edutech' },
    label: 'partner staff (เจ้าหน้าที่ภาคีเครือข่าย)',
  },
  {
    key: 'area-admin',
    email: 'area.admin@demo.local',
    displayName: 'ศน.ปรีชา นิเทศดี',
    memberKind: 'supervisor',
    school: null,
    grant: { role: 'area_admin', scope: 'area', scopeKey: 'P81' },
    label: 'area admin, สพป.กระบี่ (ผู้ดูแลเขตพื้นที่)',
  },
  {
    key: 'moderator',
    email: 'moderator@demo.local',
    displayName: 'คุณอรุณี ดูแลชุมชน',
    memberKind: 'personnel',
    school: null,
    grant: { role: 'moderator', scope: 'national' },
    label: 'moderator (ผู้ดูแลเนื้อหา)',
  },
  {
    key: 'obec-admin',
    email: 'obec.admin@demo.local',
    displayName: 'ดร.สมศักดิ์ บริหารงาน (สพฐ.)',
    memberKind: 'executive',
    school: null,
    grant: { role: 'obec_admin', scope: 'national' },
    label: 'OBEC admin (ผู้ดูแลระดับ สพฐ.)',
  },

  // กระบี่ 1 (primary)
  {
    key: 'director-krabi1',
    email: 'director-krabi1@demo.local',
    displayName: 'ผอ.ประเสริฐ ศรีสมบูรณ์',
    memberKind: 'school_director',
    school: 'krabi1',
    academicStanding: 'CPS',
  },
  t('kanya', 'ครูกัญญา ทองดี', 'krabi1', ['MAT']),
  t('suda', 'ครูสุดา รักษ์ทะเล', 'krabi1', ['SCI']),
  t('anan', 'ครูอนันต์ แข็งแรง', 'krabi1', ['HPE'], 'none'),
  t('pimchanok', 'ครูพิมพ์ชนก ศิลป์งาม', 'krabi1', ['ART']),
  t('nuanchan', 'ครูนวลจันทร์ อ่อนโยน', 'krabi1', ['ECE'], 'CPS'),

  // กระบี่ 2 (primary)
  t('malee', 'ครูมาลี อักษรงาม', 'krabi2', ['THA']),
  t('sakda', 'ครูศักดา รักถิ่น', 'krabi2', ['SOC']),
  t('orawan', 'ครูอรวรรณ พูดเก่ง', 'krabi2', ['FLA'], 'none'),
  t('chalerm', 'ครูเฉลิม ช่างคิด', 'krabi2', ['OCC']),
  t('rattana', 'ครูรัตนา คิดเลขไว', 'krabi2', ['MAT'], 'CPS'),

  // เชียงใหม่ (primary)
  {
    key: 'director-cm1',
    email: 'director-cm1@demo.local',
    displayName: 'ผอ.บุญเรือน ดอยคำ',
    memberKind: 'school_director',
    school: 'cm1',
    academicStanding: 'CPS',
  },
  t('kaewta', 'ครูแก้วตา ล้านนา', 'cm1', ['THA']),
  t('jirawat', 'ครูจิรวัฒน์ นับเลข', 'cm1', ['MAT']),
  t('duangjai', 'ครูดวงใจ ใบไม้', 'cm1', ['SCI'], 'none'),
  t('thanakorn', 'ครูธนากร วิ่งไว', 'cm1', ['HPE']),
  t('sirinya', 'ครูศิริญญา เล่านิทาน', 'cm1', ['ECE', 'DEV']),
  t('ploy', 'ครูพลอย ภาษาดี', 'cm2', ['FLA']),
  t('somchai', 'ครูสมชาย รู้รอบ', 'cm2', ['SOC'], 'CPS'),
  t('wanpen', 'ครูวันเพ็ญ ผ้าทอ', 'cm2', ['ART', 'OCC']),
  t('nattapong', 'ครูณัฐพงศ์ เกษตรดี', 'cm2', ['OCC']),
  t('aree', 'ครูอารีย์ ใจดี', 'cm2', ['DEV'], 'none'),
  {
    key: 'supervisor-cm',
    email: 'supervisor-cm@demo.local',
    displayName: 'ศน.ลำดวน เชียงใหม่',
    memberKind: 'supervisor',
    school: null,
  },

  // ขอนแก่น (secondary)
  {
    key: 'director-kk1',
    email: 'director-kk1@demo.local',
    displayName: 'ผอ.วีระพงษ์ แก่นนคร',
    memberKind: 'school_director',
    school: 'kk1',
    academicStanding: 'CPS',
  },
  t('phimpha', 'ครูพิมพา วรรณคดี', 'kk1', ['THA']),
  t('krit', 'ครูกฤษ สมการ', 'kk1', ['MAT'], 'CPS'),
  t('napat', 'ครูณภัทร ฟิสิกส์', 'kk1', ['SCI']),
  t('jaruwan', 'ครูจารุวรรณ ประวัติศาสตร์', 'kk1', ['SOC']),
  t('tanawat', 'ครูธนวัฒน์ โค้ดดิ้ง', 'kk1', ['SCI', 'OCC'], 'none'),
  t('siriporn', 'ครูศิริพร อังกฤษดี', 'kk2', ['FLA']),
  t('wichai', 'ครูวิชัย ฟุตซอล', 'kk2', ['HPE']),
  t('kannika', 'ครูกรรณิกา ดนตรีไทย', 'kk2', ['ART']),
  t('prasit', 'ครูประสิทธิ์ เคมีสนุก', 'kk2', ['SCI'], 'CPS'),
  t('yupa', 'ครูยุพา แนะแนว', 'kk2', ['DEV', 'SOC']),

  // partner staff of the two other partners
  {
    key: 'partner-books',
    email: 'partner.books@demo.local',
    displayName: 'คุณธีรวัฒน์ ร้านหนังสือ (ภาคีเครือข่าย)',
    memberKind: 'public',
    school: null,
    grant: { role: 'partner_staff', scope: 'partner', scopeKey: 'bookshop' },
  },
  {
    key: 'partner-travel',
    email: 'partner.travel@demo.local',
    displayName: 'คุณสุนิสา ท่องเที่ยว (ภาคีเครือข่าย)',
    memberKind: 'public',
    school: null,
    grant: { role: 'partner_staff', scope: 'partner', scopeKey: 'greentrip' },
  },
];
