import type { DemoPartner, DemoPerk } from './types';

/**
 * The demo marketplace: three fictional partners, the perks they sponsor, two endorsements, two reports for the
 * moderation queue, an area announcement and the notes members leave when they redeem a manual perk.
 * Partner keys match the grant.scopeKey of the partner staff in members.ts.
 */
export const DEMO_PARTNERS: DemoPartner[] = [
  {
    key: 'edutech',
    code: 'demo-edutech',
    nameTh: 'บริษัท ก้าวกล้า เอดูเทค จำกัด',
    nameEn: 'KaoKla EduTech Co., Ltd.',
    descriptionTh:
      'ผู้พัฒนาแท็บเล็ตเพื่อการศึกษา คอร์สออนไลน์สำหรับครู และแอปจัดการชั้นเรียน "ห้องเรียนก้าวกล้า" ที่ออกแบบให้ใช้ได้แม้ในโรงเรียนที่อินเทอร์เน็ตไม่แรง เราสนับสนุนครูที่แบ่งปันนวัตกรรมด้วยคอร์สพัฒนาตนเองและเครื่องมือสำหรับห้องเรียน',
    descriptionEn:
      'Maker of education tablets, online courses for teachers and the "KaoKla Classroom" app, designed to work even in schools with patchy internet. We support teachers who share their innovations with professional-development courses and classroom tools.',
    contactEmail: 'edutech@partner.demo.local',
  },
  {
    key: 'bookshop',
    code: 'demo-bookshop',
    nameTh: 'ร้านหนังสือและสำนักพิมพ์บ้านปากกา',
    nameEn: 'Ban Pakka Books & Publishing',
    descriptionTh:
      'เครือข่ายร้านหนังสือ 28 สาขาทั่วประเทศ และสำนักพิมพ์หนังสือเด็กและสื่อการสอน ทุกสาขามีมุมกาแฟ "บ้านปากกาคาเฟ่" ให้ครูได้นั่งอ่านหนังสือ เตรียมสอน หรือนัดคุยกับเพื่อนครู',
    descriptionEn:
      "A chain of 28 bookshops across Thailand and a publisher of children's books and teaching materials. Every branch has a Ban Pakka Café corner where teachers can read, plan lessons or meet colleagues.",
    contactEmail: 'bookshop@partner.demo.local',
  },
  {
    key: 'greentrip',
    code: 'demo-greentrip',
    nameTh: 'เครือข่ายท่องเที่ยวชุมชนทางเกวียน',
    nameEn: 'Thang Kwian Community Travel Network',
    descriptionTh:
      'เครือข่ายวิสาหกิจชุมชนด้านการท่องเที่ยวเชิงนิเวศ โฮมสเตย์ และโรงแรมขนาดเล็กในกว่า 40 ชุมชน ตั้งแต่เชียงใหม่ถึงกระบี่ เราจัดทัศนศึกษาและศึกษาดูงานที่ให้ครูและนักเรียนได้เรียนรู้จากปราชญ์ชาวบ้าน และมีสถานที่สำหรับจัดค่ายหรืออบรม',
    descriptionEn:
      'A network of community enterprises running eco-tourism, homestays and small hotels in more than 40 communities from Chiang Mai to Krabi. We run study trips where teachers and students learn from local experts, and offer venues for camps and workshops.',
    contactEmail: 'greentrip@partner.demo.local',
  },
];

export const DEMO_PERKS: DemoPerk[] = [
  // ก้าวกล้า เอดูเทค
  {
    key: 'perk-course',
    partner: 'edutech',
    title: 'คอร์สออนไลน์ "ออกแบบกิจกรรม Active Learning ด้วยเครื่องมือดิจิทัล" (6 ชั่วโมง)',
    titleEn: 'Online course: Designing Active Learning with Digital Tools (6 hours)',
    description:
      'คอร์สเรียนด้วยตนเอง 6 บทเรียน ว่าด้วยการใช้แบบทดสอบออนไลน์ กระดานระดมความคิด และคลิปสั้นในกิจกรรม Active Learning พร้อมตัวอย่างแผนการสอนที่นำไปปรับใช้ได้ทันที นำรหัสที่ได้รับไปกรอกที่หน้า "แลกรหัส" บนเว็บไซต์ก้าวกล้าอะคาเดมี แล้วเรียนให้จบภายใน 90 วันนับจากวันที่กรอกรหัส เมื่อเรียนจบและผ่านแบบทดสอบท้ายคอร์สจะได้รับเกียรติบัตรอิเล็กทรอนิกส์',
    descriptionEn:
      'A six-lesson, self-paced course on using online quizzes, brainstorming boards and short videos in active-learning activities, with sample lesson plans you can adapt straight away. Enter your code on the "Redeem a code" page of the KaoKla Academy website; you then have 90 days to complete the course. Finish it and pass the final quiz to receive an e-certificate.',
    category: 'training',
    cost: 100,
    stock: null,
    perMemberLimit: 1,
    limitPeriod: 'ever',
    fulfilment: 'generated_code',
  },
  {
    key: 'perk-leadership',
    partner: 'edutech',
    title: 'หลักสูตรผู้บริหารยุคดิจิทัล: นำโรงเรียนสู่การเรียนรู้เชิงรุก (ออนไลน์ 12 ชั่วโมง)',
    titleEn: 'Leading Active Learning in the Digital Age: a course for school leaders (online, 12 hours)',
    description:
      'หลักสูตรสำหรับผู้บริหารสถานศึกษาและผู้บริหารการศึกษา ว่าด้วยการวางแผนพัฒนาครูด้วยกระบวนการ PLC การใช้ข้อมูลผู้เรียนประกอบการตัดสินใจ และการนิเทศภายในแบบกัลยาณมิตร เรียนออนไลน์แบบสด 4 ครั้ง ครั้งละ 3 ชั่วโมง โดยมีโค้ชประจำกลุ่มคอยให้คำแนะนำ ใช้รหัสที่ได้รับลงทะเบียนรุ่นที่ต้องการบนเว็บไซต์ก้าวกล้าอะคาเดมี สงวนสิทธิ์เฉพาะผู้บริหารสถานศึกษาและผู้บริหารการศึกษา',
    descriptionEn:
      'A course for school directors and education executives on planning teacher development through PLCs, using learner data to make decisions and running supportive in-school supervision. It runs as four live online sessions of three hours each, with a coach for each group. Use your code to enrol in a cohort on the KaoKla Academy website. Open to school directors and education executives only.',
    category: 'training',
    cost: 480,
    stock: 30,
    perMemberLimit: 1,
    limitPeriod: 'ever',
    fulfilment: 'generated_code',
    eligibility: { memberKinds: ['school_director', 'executive'] },
  },
  {
    key: 'perk-classroom-app',
    partner: 'edutech',
    title: 'แอปห้องเรียนก้าวกล้า รุ่นพรีเมียม 6 เดือน',
    titleEn: 'KaoKla Classroom app: 6 months of Premium',
    description:
      'ปลดล็อกฟีเจอร์พรีเมียมของแอปห้องเรียนก้าวกล้า เช่น คลังแบบทดสอบไม่จำกัด รายงานผลรายบุคคล และการสุ่มจัดกลุ่มนักเรียน ใช้ได้กับทุกห้องเรียนที่ครูสร้าง นำรหัสไปกรอกที่เมนู "บัญชีของฉัน > ใช้รหัสพรีเมียม" ในแอป รหัสใช้ได้ครั้งเดียวและต้องกรอกภายใน 60 วันหลังแลก',
    descriptionEn:
      'Unlocks the Premium features of the KaoKla Classroom app, such as an unlimited quiz bank, individual progress reports and random student grouping, for every class you create. Enter the code under "My account > Use a Premium code" in the app. Each code works once and must be entered within 60 days of redemption.',
    category: 'privilege',
    cost: 150,
    stock: 50,
    perMemberLimit: 1,
    limitPeriod: 'ever',
    fulfilment: 'pool_code',
    poolCodes: 50,
  },
  {
    key: 'perk-sensor-kit',
    partner: 'edutech',
    title: 'ชุดเซนเซอร์วิทยาศาสตร์ไร้สายสำหรับห้องเรียน (วัดอุณหภูมิ แสง และความชื้น)',
    titleEn: 'Wireless science sensor kit for the classroom (temperature, light and humidity)',
    description:
      'ชุดเซนเซอร์ 3 ตัวที่เชื่อมต่อกับแท็บเล็ตหรือโทรศัพท์ผ่านบลูทูธ พร้อมใบกิจกรรมการทดลอง 10 เรื่องสำหรับชั้นประถมและมัธยมต้น บริษัทจัดส่งให้ที่โรงเรียนภายใน 7 วัน โปรดระบุชื่อโรงเรียน ที่อยู่จัดส่ง และผู้รับของในช่องหมายเหตุ สงวนสิทธิ์ 1 ชุดต่อท่าน',
    descriptionEn:
      "Three sensors that connect to a tablet or phone over Bluetooth, with ten experiment worksheets for primary and lower-secondary classes. We deliver to your school within 7 days: please give the school's name, the delivery address and who will receive the parcel in the note. Limited to one kit per person.",
    category: 'equipment',
    cost: 600,
    stock: 10,
    perMemberLimit: 1,
    limitPeriod: 'ever',
    fulfilment: 'manual',
    fulfilmentHours: 168,
  },
  {
    key: 'perk-tablet-discount',
    partner: 'edutech',
    title: 'ส่วนลด 1,500 บาท สำหรับแท็บเล็ตเพื่อการศึกษาก้าวกล้า',
    titleEn: 'THB 1,500 off a KaoKla education tablet',
    description:
      'ใช้เป็นส่วนลดเมื่อซื้อแท็บเล็ตก้าวกล้ารุ่นใดก็ได้ผ่านร้านค้าออนไลน์ของบริษัท จะซื้อในนามตนเองหรือในนามโรงเรียนก็ได้ กรอกรหัสในขั้นตอนชำระเงิน รหัสใช้ได้ 1 ครั้งภายใน 90 วันนับจากวันที่แลก และใช้ร่วมกับโปรโมชันอื่นไม่ได้',
    descriptionEn:
      'Take THB 1,500 off any KaoKla tablet bought from our online store, either for yourself or on behalf of your school. Enter the code at checkout. It can be used once, within 90 days of redemption, and cannot be combined with other promotions.',
    category: 'voucher',
    cost: 200,
    stock: 100,
    perMemberLimit: 1,
    limitPeriod: 'ever',
    fulfilment: 'generated_code',
  },

  // บ้านปากกา
  {
    key: 'perk-coffee',
    partner: 'bookshop',
    title: 'เครื่องดื่ม 1 แก้ว ที่บ้านปากกาคาเฟ่',
    titleEn: 'One drink at Ban Pakka Café',
    description:
      'เลือกกาแฟ ชา หรือโกโก้ แก้วขนาดปกติ จะร้อนหรือเย็นก็ได้ 1 แก้ว ที่บ้านปากกาคาเฟ่ทุกสาขา แสดงรหัสบนหน้าจอให้พนักงานก่อนชำระเงิน รหัสใช้ได้ 1 ครั้งภายใน 30 วัน และแลกได้ไม่เกินเดือนละ 2 ครั้ง',
    descriptionEn:
      'One regular coffee, tea or cocoa, hot or iced, at any Ban Pakka Café. Show the code on your screen to the staff before you pay. Each code is valid once within 30 days, and you can redeem this perk up to twice a month.',
    category: 'food',
    cost: 50,
    stock: 200,
    perMemberLimit: 2,
    limitPeriod: 'month',
    fulfilment: 'generated_code',
  },
  {
    key: 'perk-ebook',
    partner: 'bookshop',
    title: 'บัตรกำนัลอีบุ๊กบ้านปากกา มูลค่า 100 บาท',
    titleEn: 'THB 100 Ban Pakka e-book voucher',
    description:
      'ใช้ซื้ออีบุ๊กในแอปบ้านปากกาอีบุ๊ก ได้ทั้งหนังสือเด็ก วรรณกรรม และคู่มือครู นำรหัสไปกรอกที่เมนู "เติมเครดิต" ในแอป เครดิตที่เติมแล้วมีอายุ 1 ปี ใช้ซื้อหนังสือฉบับพิมพ์หรือแลกเป็นเงินสดไม่ได้',
    descriptionEn:
      'Credit for the Ban Pakka E-books app, valid for children\'s books, literature and teachers\' guides. Enter the code under "Top up" in the app. The credit lasts one year and cannot be used for printed books or exchanged for cash.',
    category: 'voucher',
    cost: 80,
    stock: 40,
    perMemberLimit: 1,
    limitPeriod: 'month',
    fulfilment: 'pool_code',
    poolCodes: 40,
  },
  {
    key: 'perk-member-card',
    partner: 'bookshop',
    title: 'บัตรสมาชิกครูบ้านปากกา ลด 15% ตลอด 1 ปี',
    titleEn: 'Ban Pakka Teacher Card: 15% off for a year',
    description:
      'รับส่วนลด 15% สำหรับหนังสือและสื่อการสอนทุกรายการที่ร้านบ้านปากกาทุกสาขาและร้านค้าออนไลน์ (ยกเว้นสินค้าลดราคาและนิตยสาร) นำรหัสไปเปิดใช้บัตรในแอปบ้านปากกา แล้วแสดงบัตรดิจิทัลทุกครั้งที่ชำระเงิน บัตรมีอายุ 1 ปีนับจากวันที่เปิดใช้',
    descriptionEn:
      'A 15% discount on all books and teaching materials at every Ban Pakka branch and in our online store (sale items and magazines excluded). Activate the card in the Ban Pakka app with your code and show the digital card whenever you pay. The card is valid for one year from activation.',
    category: 'privilege',
    cost: 60,
    stock: null,
    perMemberLimit: 1,
    limitPeriod: 'ever',
    fulfilment: 'generated_code',
  },
  {
    key: 'perk-teaching-cards',
    partner: 'bookshop',
    title: 'ชุดสื่อบัตรคำและเกมฝึกอ่านภาษาไทย ป.1–3',
    titleEn: 'Thai word cards and reading games, Primary 1–3',
    description:
      'กล่องสื่อการสอนจากสำนักพิมพ์บ้านปากกา ประกอบด้วยบัตรคำ 300 ใบ เกมกระดานฝึกสะกดคำ 4 เกม และคู่มือครูพร้อมแนวการจัดกิจกรรม จัดส่งทางไปรษณีย์ภายใน 5 วันทำการ โปรดระบุที่อยู่จัดส่งและชื่อผู้รับในช่องหมายเหตุ',
    descriptionEn:
      "A box of teaching materials from Ban Pakka Publishing: 300 word cards, four spelling board games and a teacher's guide with activity ideas. Sent by post within 5 working days; please give a delivery address and the recipient's name in the note.",
    category: 'equipment',
    cost: 120,
    stock: 60,
    perMemberLimit: 1,
    limitPeriod: 'ever',
    fulfilment: 'manual',
    fulfilmentHours: 120,
  },
  {
    key: 'perk-meeting-room',
    partner: 'bookshop',
    title: 'ห้องประชุมย่อยบ้านปากกาคาเฟ่ 3 ชั่วโมง สำหรับวง PLC',
    titleEn: 'A Ban Pakka Café meeting room for 3 hours, for your PLC group',
    description:
      'ใช้ห้องประชุมย่อยขนาด 8–10 ที่นั่งในสาขาที่มีห้องประชุม พร้อมจอโทรทัศน์ ไวไฟ และน้ำดื่ม เหมาะสำหรับวงชุมชนการเรียนรู้ทางวิชาชีพ (PLC) หรือการเตรียมสอนร่วมกัน โทรจองกับสาขาล่วงหน้าอย่างน้อย 3 วันและแจ้งรหัสที่ได้รับ ใช้ได้ในวันและเวลาทำการของร้าน',
    descriptionEn:
      "A small meeting room seating 8–10, at branches that have one, with a TV screen, Wi-Fi and drinking water: a good fit for a professional learning community (PLC) meeting or joint lesson planning. Call the branch at least 3 days ahead and quote your code. Available during the shop's opening hours.",
    category: 'facility',
    cost: 180,
    stock: 20,
    perMemberLimit: 1,
    limitPeriod: 'month',
    fulfilment: 'pool_code',
    poolCodes: 20,
  },

  // ทางเกวียน
  {
    key: 'perk-polo',
    partner: 'greentrip',
    title: 'เสื้อโปโลผ้าฝ้ายย้อมคราม ชุมชนนวัตกรรมการเรียนรู้',
    titleEn: 'Indigo-dyed cotton polo shirt, Learning Community edition',
    description:
      'เสื้อโปโลผ้าฝ้ายย้อมครามธรรมชาติ ฝีมือกลุ่มทอผ้าในเครือข่ายทางเกวียน ปักโลโก้ชุมชนนวัตกรรมการเรียนรู้ที่อกซ้าย มีไซซ์ S, M, L, XL, 2XL และ 3XL โปรดระบุไซซ์และที่อยู่จัดส่งในช่องหมายเหตุ แล้วกลุ่มผู้ผลิตจะจัดส่งภายใน 7 วัน สีผ้าแต่ละตัวอาจต่างกันเล็กน้อยเพราะย้อมด้วยมือ',
    descriptionEn:
      'A polo shirt in naturally indigo-dyed cotton, made by a weaving group in the Thang Kwian network, with the Learning Community logo embroidered on the left chest. Sizes S, M, L, XL, 2XL and 3XL: put your size and delivery address in the note and the makers will ship within 7 days. As each shirt is dyed by hand, the shade may vary slightly.',
    category: 'clothing',
    cost: 150,
    stock: 80,
    perMemberLimit: 1,
    limitPeriod: 'ever',
    fulfilment: 'manual',
    fulfilmentHours: 168,
  },
  {
    key: 'perk-cm-trip',
    partner: 'greentrip',
    title: 'ทัศนศึกษา 1 วัน แหล่งเรียนรู้ชุมชนต้นน้ำ อ.แม่ออน เชียงใหม่ (สำหรับครู สพป.เชียงใหม่ เขต 1)',
    titleEn:
      'One-day study trip to an upland community in Mae On, Chiang Mai (Chiang Mai Primary Area 1 teachers)',
    description:
      'ศึกษาดูงานกับปราชญ์ชุมชนเรื่องการดูแลป่าต้นน้ำ สวนชาเมี่ยง และไฟฟ้าพลังน้ำขนาดเล็ก แล้วนำแนวคิดกลับไปออกแบบหน่วยการเรียนรู้ฐานชุมชน รวมรถรับส่งจากตัวเมืองเชียงใหม่ อาหารกลางวัน และเอกสารประกอบ ออกเดินทางวันเสาร์เดือนละ 1 รอบ โปรดระบุรอบที่ต้องการในช่องหมายเหตุ สงวนสิทธิ์เฉพาะครูในสังกัด สพป.เชียงใหม่ เขต 1',
    descriptionEn:
      'Spend a day with local experts learning how the community looks after its watershed forest, miang tea gardens and a micro-hydro power plant, and take ideas home for community-based learning units. Transport from Chiang Mai city, lunch and handouts are included. Trips run on one Saturday a month: put the date you want in the note. Open only to teachers of the Chiang Mai Primary Educational Service Area 1.',
    category: 'travel',
    cost: 550,
    stock: 20,
    perMemberLimit: 1,
    limitPeriod: 'ever',
    fulfilment: 'manual',
    fulfilmentHours: 168,
    eligibility: { areaCodes: ['P50-1'] },
  },
  {
    key: 'perk-homestay',
    partner: 'greentrip',
    title: 'โฮมสเตย์ 1 คืน สำหรับ 2 ท่าน พร้อมอาหารเช้า ในชุมชนเครือข่ายทางเกวียน',
    titleEn: 'One night at a homestay for two, breakfast included, in a Thang Kwian community',
    description:
      'พักค้างคืนกับครอบครัวเจ้าของบ้านในชุมชนเครือข่ายที่กระบี่ เชียงใหม่ น่าน หรือขอนแก่น พร้อมอาหารเช้าแบบพื้นบ้านและกิจกรรมเรียนรู้วิถีชุมชน 1 กิจกรรม โปรดระบุชุมชนที่ต้องการและวันเข้าพัก 2 ตัวเลือกในช่องหมายเหตุ เจ้าหน้าที่จะติดต่อยืนยันการจองภายใน 5 วัน ไม่รวมวันหยุดนักขัตฤกษ์และวันหยุดยาว',
    descriptionEn:
      'Stay the night with a host family in one of our communities in Krabi, Chiang Mai, Nan or Khon Kaen, with a local breakfast and one hands-on community activity. Put the community you would like and two possible dates in the note; we will get back to you to confirm the booking within 5 days. Not available on public holidays or long weekends.',
    category: 'travel',
    cost: 380,
    stock: 30,
    perMemberLimit: 1,
    limitPeriod: 'ever',
    fulfilment: 'manual',
    fulfilmentHours: 120,
  },
  {
    key: 'perk-venue',
    partner: 'greentrip',
    title: 'ส่วนลด 30% ค่าสถานที่จัดค่ายหรืออบรมในเครือข่ายทางเกวียน',
    titleEn: '30% off a venue for a camp or workshop in the Thang Kwian network',
    description:
      'ลดค่าเช่าห้องประชุม ลานกิจกรรม หรือพื้นที่กางเต็นท์ 30% (สูงสุด 5,000 บาทต่อครั้ง) เมื่อโรงเรียนจัดค่ายพักแรม ค่ายวิชาการ หรือการอบรมครูในสถานที่ของเครือข่าย แจ้งรหัสตอนติดต่อจองสถานที่ ก่อนทำสัญญาเช่า รหัสใช้ได้ 1 ครั้งภายใน 6 เดือนนับจากวันที่แลก',
    descriptionEn:
      'Take 30% off the hire of a meeting room, activity ground or camping area (up to THB 5,000 per booking) when your school holds a camp, an academic camp or a teacher workshop at one of our venues. Quote the code when you make the booking, before the contract is signed. Each code can be used once within 6 months of redemption.',
    category: 'facility',
    cost: 250,
    stock: 20,
    perMemberLimit: 1,
    limitPeriod: 'month',
    fulfilment: 'pool_code',
    poolCodes: 20,
  },
];

/** Innovation keys are placeholders the seed maps to real innovations. */
export const DEMO_ENDORSEMENTS: { partner: string; innovation: string; statement: string }[] = [
  {
    partner: 'edutech',
    innovation: 'sci-first',
    statement:
      'ก้าวกล้า เอดูเทค ขอรับรองนวัตกรรมนี้ เพราะนักเรียนได้ตั้งคำถาม เก็บข้อมูลจริง และสรุปผลด้วยตนเองครบทุกขั้นตอนของการสืบเสาะหาความรู้ ขั้นตอนและใบงานเขียนไว้ชัดเจนจนครูโรงเรียนอื่นนำไปใช้ต่อได้ทันทีโดยไม่ต้องมีอุปกรณ์ราคาแพง',
  },
  {
    partner: 'bookshop',
    innovation: 'tha-first',
    statement:
      'สำนักพิมพ์บ้านปากกาขอรับรองนวัตกรรมนี้ เพราะช่วยให้เด็กสนุกกับการอ่านและกล้าใช้ภาษาไทยสื่อสาร ซึ่งเป็นสิ่งที่เราอยากเห็นในห้องเรียนทุกแห่ง กิจกรรมใช้สื่อที่ครูทำเองได้จากวัสดุใกล้ตัว โรงเรียนไหนก็นำไปปรับใช้ได้ง่าย',
  },
];

/** Innovation keys are placeholders the seed maps to real innovations. */
export const DEMO_REPORTS: { by: string; innovation: string; reason: string }[] = [
  {
    by: 'malee',
    innovation: 'report-1',
    reason:
      'ใบงานในโพสต์นี้ (หน้า 2–4) เหมือนกับแบบฝึกหัดในหนังสือเสริมทักษะของสำนักพิมพ์เอกชนเล่มหนึ่งแทบทุกข้อ แต่ไม่ได้ระบุแหล่งที่มาหรือบอกว่าได้รับอนุญาตแล้ว และโพสต์ยังตั้งสัญญาอนุญาตเป็น CC-BY ทำให้คนอื่นเข้าใจว่านำไปเผยแพร่ต่อได้ รบกวนผู้ดูแลช่วยตรวจสอบ และขอให้เจ้าของโพสต์ใส่เครดิตหรือนำส่วนนั้นออกค่ะ',
  },
  {
    by: 'krit',
    innovation: 'report-2',
    reason:
      'ภาพกิจกรรมในโพสต์นี้เห็นใบหน้านักเรียนชัดเจนหลายคน พร้อมป้ายชื่อบนเสื้อ แต่ไม่มีข้อความว่าได้รับความยินยอมจากผู้ปกครอง ซึ่งอาจขัดกับ พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล รบกวนผู้ดูแลช่วยตรวจสอบ และแนะนำให้เจ้าของโพสต์เบลอใบหน้าหรือเปลี่ยนภาพครับ',
  },
];

export const DEMO_ANNOUNCEMENT: { title: string; body: string } = {
  title: 'ขอเชิญร่วมวงแลกเปลี่ยนเรียนรู้ Active Learning ออนไลน์ วันพุธที่ 16 ธันวาคม 2569',
  body: 'สพป.กระบี่ ขอเชิญครูทุกกลุ่มสาระร่วมวงแลกเปลี่ยนเรียนรู้ "Active Learning ที่ใช้ได้จริงในห้องเรียนกระบี่" ทางออนไลน์ ในวันพุธที่ 16 ธันวาคม 2569 เวลา 15.30–17.00 น. ลงทะเบียนได้ที่เมนูกิจกรรมของชุมชนนวัตกรรมการเรียนรู้ภายในวันที่ 14 ธันวาคม 2569 แล้วระบบจะส่งลิงก์เข้าห้องประชุมให้ทางอีเมล ครูที่อยากเล่าประสบการณ์ในวง ขอให้โพสต์นวัตกรรมของตนไว้ในชุมชนก่อนวันงาน เพื่อให้เพื่อนครูได้อ่านล่วงหน้า ทุกการแบ่งปันนวัตกรรม การแสดงความคิดเห็น และการนำนวัตกรรมของเพื่อนไปใช้ในห้องเรียน จะได้รับแต้ม Learn to Earn ไว้แลกสิทธิประโยชน์จากภาคีเครือข่าย',
};

/** The note a member leaves when redeeming each manual perk, keyed by perk key. */
export const DEMO_REDEMPTION_NOTES: Record<string, string> = {
  'perk-polo':
    'ขอไซซ์ M (รอบอก 38 นิ้ว) ค่ะ ส่งที่โรงเรียนสาธิตชุมชนการเรียนรู้ กระบี่ 1 ต.ปากน้ำ อ.เมืองกระบี่ จ.กระบี่ 81000 ฝากไว้ที่ห้องธุรการได้เลยค่ะ',
  'perk-sensor-kit':
    'รบกวนส่งที่โรงเรียนสาธิตชุมชนการเรียนรู้ กระบี่ 2 อ.เมืองกระบี่ จ.กระบี่ 81000 ถึงกลุ่มสาระการเรียนรู้วิทยาศาสตร์ ฝากห้องธุรการได้ครับ จะใช้กับกิจกรรมวัดอุณหภูมิน้ำในป่าชายเลนของนักเรียน ป.5',
  'perk-teaching-cards':
    'ส่งที่โรงเรียนสาธิตชุมชนการเรียนรู้ กระบี่ 2 อ.เมืองกระบี่ จ.กระบี่ 81000 ถึงกลุ่มสาระการเรียนรู้ภาษาไทยค่ะ รบกวนส่งวันจันทร์–ศุกร์ เพราะเสาร์อาทิตย์ไม่มีคนรับของที่โรงเรียนค่ะ',
  'perk-cm-trip':
    'ขอรอบวันเสาร์ที่ 16 มกราคม 2570 ค่ะ ถ้ารอบนี้เต็มแล้วขอเป็นรอบเดือนกุมภาพันธ์แทน จะขึ้นรถที่จุดนัดในตัวเมืองเชียงใหม่ และไม่ทานเนื้อวัวค่ะ',
  'perk-homestay':
    'ขอชุมชนที่น่านค่ะ ตัวเลือกแรกคืนวันเสาร์ที่ 13 กุมภาพันธ์ 2570 ตัวเลือกที่สองคืนวันเสาร์ที่ 20 กุมภาพันธ์ 2570 เข้าพัก 2 ท่าน (ดิฉันกับเพื่อนครูในโรงเรียน) ค่ะ',
};
