/**
 * Seeds: "empty" (the five users of docs/contracts.md, their default folders and To Do lists) and "demo"
 * (示例贸易 / Contoso Trading: customers with field values, mail threads, categories, shares). Deterministic: a fixed
 * PRNG, dates relative to `now`.
 */
import { blankContact } from "./graph";
import { Doc, Store, changeKey } from "./store";

/** mulberry32: small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PS_PUBLIC_STRINGS = "00020329-0000-0000-c000-000000000046";
export const PROP = {
  products: `StringArray {${PS_PUBLIC_STRINGS}} Name IntendedProducts`,
  needsRecontact: `Boolean {${PS_PUBLIC_STRINGS}} Name NeedsRecontact`,
  tier: `String {${PS_PUBLIC_STRINGS}} Name CustomerTier`,
  owner: `String {${PS_PUBLIC_STRINGS}} Name Owner`,
  lastContacted: `SystemTime {${PS_PUBLIC_STRINGS}} Name LastContacted`,
  nextContact: `SystemTime {${PS_PUBLIC_STRINGS}} Name NextContact`,
} as const;

export const USERS = [
  { upn: "li.na@contoso.com", displayName: "李娜 Li Na", givenName: "Na", surname: "Li", jobTitle: "Sales Manager 销售经理", role: "manager" },
  { upn: "zhang.wei@contoso.com", displayName: "张伟 Zhang Wei", givenName: "Wei", surname: "Zhang", jobTitle: "Salesperson 销售代表", role: "sales" },
  { upn: "wang.fang@contoso.com", displayName: "王芳 Wang Fang", givenName: "Fang", surname: "Wang", jobTitle: "Salesperson 销售代表", role: "sales" },
  { upn: "chen.jie@contoso.com", displayName: "陈杰 Chen Jie", givenName: "Jie", surname: "Chen", jobTitle: "Salesperson 销售代表", role: "sales" },
  { upn: "emily.zhou@contoso.com", displayName: "周美玲 Emily Zhou", givenName: "Emily", surname: "Zhou", jobTitle: "Salesperson 销售代表", role: "sales" },
] as const;
export const SALESPEOPLE = USERS.filter((u) => u.role === "sales").map((u) => u.upn);
export const MANAGER = "li.na@contoso.com";
export const PRODUCTS = ["工业传感器", "PLC控制器", "伺服电机", "变频器", "触摸屏", "工业网关", "Safety Relays", "HMI Panels"];
const CUSTOMER_COUNTS: Record<string, number> = {
  "zhang.wei@contoso.com": 78, "wang.fang@contoso.com": 72, "chen.jie@contoso.com": 66, "emily.zhou@contoso.com": 70,
};
export const MASTER_CATEGORIES = [
  { displayName: "重点客户", color: "preset0" },
  { displayName: "VIP", color: "preset7" },
  { displayName: "潜在客户 Prospect", color: "preset4" },
  { displayName: "Follow up", color: "preset1" },
];

/** Facts about the demo seed that e2e tests and the demo rely on (stable across runs). */
export const DEMO_FACTS = {
  defaultUser: "zhang.wei@contoso.com",
  manager: MANAGER,
  salespeople: SALESPEOPLE,
  customersPerSalesperson: CUSTOMER_COUNTS,
  totalCustomers: Object.values(CUSTOMER_COUNTS).reduce((a, b) => a + b, 0),
  managerOwnContacts: 5,
  products: PRODUCTS,
  masterCategories: MASTER_CATEGORIES.map((c) => c.displayName),
  /** The first seeded thread in zhang.wei's mailbox. */
  wellKnownThread: {
    mailbox: "zhang.wei@contoso.com",
    subject: "PLC控制器报价 / Quotation for PLC controllers",
    conversationId: "AAQkADAwATM0MDAAMS1hZGVmLTAwAhAAdGhyZWFkLTAwMQ==",
    messageCount: 4,
    /** Everyone who appears in from/to/cc of the thread (lower-case addresses). */
    participants: ["liu.yang@huaxin-tech.cn", "zhao.lei@huaxin-tech.cn", "noreply@notify.huaxin-tech.cn", "li.na@contoso.com", "zhang.wei@contoso.com"],
    /** Participants who are zhang.wei's contacts. */
    contactAddresses: ["liu.yang@huaxin-tech.cn"],
    /** Participants who are neither contacts nor colleagues. */
    nonContactAddresses: ["zhao.lei@huaxin-tech.cn"],
    noreplyAddress: "noreply@notify.huaxin-tech.cn",
    colleagueAddresses: ["li.na@contoso.com"],
  },
  /** Second thread: English, with an external non-contact in cc and one sent item. */
  secondThread: {
    mailbox: "zhang.wei@contoso.com",
    subject: "Servo motor delivery schedule",
    conversationId: "AAQkADAwATM0MDAAMS1hZGVmLTAwAhAAdGhyZWFkLTAwMg==",
    messageCount: 3,
    participants: ["james.miller@fabrikam.com", "olivia.brown@fabrikam.com", "zhang.wei@contoso.com", "wang.fang@contoso.com"],
    contactAddresses: ["james.miller@fabrikam.com"],
    nonContactAddresses: ["olivia.brown@fabrikam.com"],
  },
  threadsPerMailbox: { "zhang.wei@contoso.com": 30, "wang.fang@contoso.com": 6, "chen.jie@contoso.com": 6, "emily.zhou@contoso.com": 6, "li.na@contoso.com": 4 } as Record<string, number>,
  fieldProps: PROP,
};

const CN_SURNAMES: [string, string][] = [["王", "wang"], ["李", "li"], ["张", "zhang"], ["刘", "liu"], ["陈", "chen"], ["杨", "yang"], ["黄", "huang"], ["赵", "zhao"], ["吴", "wu"], ["周", "zhou"], ["徐", "xu"], ["孙", "sun"], ["马", "ma"], ["朱", "zhu"], ["胡", "hu"], ["郭", "guo"], ["何", "he"], ["高", "gao"], ["林", "lin"], ["罗", "luo"]];
const CN_GIVEN: [string, string][] = [["伟", "wei"], ["芳", "fang"], ["敏", "min"], ["静", "jing"], ["丽", "li"], ["强", "qiang"], ["磊", "lei"], ["军", "jun"], ["洋", "yang"], ["勇", "yong"], ["艳", "yan"], ["涛", "tao"], ["明", "ming"], ["超", "chao"], ["秀英", "xiuying"], ["霞", "xia"], ["平", "ping"], ["刚", "gang"], ["建华", "jianhua"], ["志强", "zhiqiang"], ["晓东", "xiaodong"], ["海燕", "haiyan"], ["文博", "wenbo"], ["子涵", "zihan"], ["浩然", "haoran"], ["雨桐", "yutong"], ["嘉怡", "jiayi"], ["国栋", "guodong"]];
const EN_FIRST = ["James", "Olivia", "Michael", "Emma", "David", "Sophia", "Daniel", "Isabella", "Matthew", "Mia", "Andrew", "Charlotte", "Ryan", "Amelia", "Thomas", "Grace", "Lucas", "Chloe", "Henry", "Hannah", "Kevin", "Laura", "Peter", "Rachel"];
const EN_LAST = ["Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson", "Garcia", "Clark", "Lewis", "Walker", "Young", "King"];
const CN_COMPANIES: [string, string, string][] = [
  ["华信科技有限公司", "huaxin-tech.cn", "上海市"], ["东方精密机械股份有限公司", "dfjm.com.cn", "苏州市"], ["恒达自动化设备有限公司", "hengda-auto.cn", "深圳市"],
  ["瑞丰电气有限公司", "ruifeng-elec.cn", "杭州市"], ["金桥机电工程有限公司", "jinqiao-me.cn", "南京市"], ["远航智能制造有限公司", "yuanhang-im.cn", "宁波市"],
  ["中科博远传感技术有限公司", "zkby-sensor.cn", "北京市"], ["长江动力设备有限公司", "cjpower.com.cn", "武汉市"], ["新时代包装机械有限公司", "xsd-pack.cn", "广州市"],
  ["天成工控系统有限公司", "tiancheng-ics.cn", "天津市"], ["鸿运物流装备有限公司", "hongyun-le.cn", "成都市"], ["明德医疗器械有限公司", "mingde-med.cn", "厦门市"],
];
const EN_COMPANIES: [string, string, string, string][] = [
  ["Fabrikam Industries", "fabrikam.com", "Seattle", "WA"], ["Northwind Traders", "northwindtraders.com", "Portland", "OR"],
  ["Adventure Works Cycles", "adventure-works.com", "Denver", "CO"], ["Litware Inc.", "litwareinc.com", "Austin", "TX"],
  ["Woodgrove Manufacturing", "woodgrove.com", "Columbus", "OH"], ["Proseware Automation", "proseware.com", "Charlotte", "NC"],
  ["Wingtip Controls", "wingtipcontrols.com", "San Jose", "CA"], ["Coho Packaging", "cohopackaging.com", "Milwaukee", "WI"],
  ["Lucerne Industrial", "lucerne-industrial.com", "Pittsburgh", "PA"], ["Tailspin Robotics", "tailspinrobotics.com", "Detroit", "MI"],
];
const CN_STREETS = ["张江路", "人民路", "中山路", "解放大道", "科技园南路", "建设路", "滨江大道", "长安街", "工业园区星湖街", "高新大道"];
const EN_STREETS = ["Main St", "Oak Ave", "Industrial Pkwy", "Commerce Dr", "Lake Shore Blvd", "Harbor Way", "Maple Rd", "Technology Ct"];
const JOBS_CN = ["采购经理", "技术总监", "总经理", "设备工程师", "采购专员", "生产部经理"];
const JOBS_EN = ["Purchasing Manager", "Plant Manager", "CTO", "Maintenance Engineer", "Buyer", "Operations Director"];

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");
const DAY = 86_400_000;

function userId(i: number): string {
  return `${(0x1a2b3c00 + i).toString(16)}-7d4e-4f10-9a8b-${(0xc0ffee000000 + i).toString(16)}`;
}

export function seedUsers(store: Store): void {
  USERS.forEach((u, i) => {
    store.insertUser(userId(i), u.upn, {
      id: userId(i), userPrincipalName: u.upn, mail: u.upn, displayName: u.displayName, givenName: u.givenName, surname: u.surname,
      jobTitle: u.jobTitle, preferredLanguage: "zh-CN", businessPhones: [`+86 21 5555 01${String(i).padStart(2, "0")}`], officeLocation: "上海 Shanghai",
    });
    store.insertFolder(u.upn, null, "Contacts", true);
    // Default To Do list: wellknownListName "defaultList" (resources/todotasklist.md).
    store.insertList(u.upn, { id: store.newId("list"), displayName: "Tasks", isOwner: true, isShared: false, wellknownListName: "defaultList", etag: changeKey() });
  });
}

interface Person { name: string; address: string }

export function seedDemo(store: Store, now: Date): void {
  seedUsers(store);
  const rnd = prng(20240607);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const used = new Set<string>();
  const contactsByOwner = new Map<string, Person[]>();

  const makeCustomer = (owner: string, forceCn?: boolean, fixed?: { given: string; sur: string; email: string; company: string; cn: boolean }): { doc: Doc; person: Person } => {
    const cn = fixed ? fixed.cn : forceCn ?? rnd() < 0.6;
    let doc: Doc;
    let email: string;
    if (cn) {
      const [sur, surPy] = fixed ? [fixed.sur, ""] : pick(CN_SURNAMES);
      const [giv, givPy] = fixed ? [fixed.given, ""] : pick(CN_GIVEN);
      const [company, domain, city] = fixed ? [fixed.company, "", "上海市"] : pick(CN_COMPANIES);
      email = fixed?.email ?? `${givPy}.${surPy}@${domain}`;
      doc = {
        givenName: giv, surname: sur, displayName: `${sur}${giv}`, companyName: company, jobTitle: pick(JOBS_CN),
        businessPhones: [`+86 ${int(10, 29)} ${int(5000, 8999)} ${int(1000, 9999)}`], mobilePhone: `+86 1${int(30, 89)}${int(1000, 9999)}${int(1000, 9999)}`,
        businessAddress: { street: `${pick(CN_STREETS)}${int(1, 999)}号`, city, state: "", postalCode: String(int(100000, 699999)), countryOrRegion: "中国" },
      };
    } else {
      const giv = fixed ? fixed.given : pick(EN_FIRST);
      const sur = fixed ? fixed.sur : pick(EN_LAST);
      const [company, domain, city, state] = fixed ? [fixed.company, "", "Seattle", "WA"] : pick(EN_COMPANIES);
      email = fixed?.email ?? `${giv}.${sur}@${domain}`.toLowerCase();
      doc = {
        givenName: giv, surname: sur, displayName: `${giv} ${sur}`, companyName: company, jobTitle: pick(JOBS_EN),
        businessPhones: [`+1 ${int(200, 989)} 555 ${int(1000, 9999)}`], mobilePhone: null,
        businessAddress: { street: `${int(10, 9999)} ${pick(EN_STREETS)}`, city, state, postalCode: String(int(10000, 99999)), countryOrRegion: "United States" },
      };
    }
    // unique e-mail per mailbox
    let n = 2;
    const base = email;
    while (used.has(`${owner}|${email}`)) email = base.replace("@", `${n++}@`);
    used.add(`${owner}|${email}`);
    doc.emailAddresses = [{ name: String(doc.displayName), address: email }];
    return { doc, person: { name: String(doc.displayName), address: email } };
  };

  const insert = (owner: string, folder: string, doc: Doc, props: [string, boolean, string | string[]][], daysAgo: number): void => {
    const id = store.newId("contact");
    const created = iso(new Date(now.getTime() - daysAgo * DAY));
    const full = { ...blankContact(), ...doc, id, createdDateTime: created, lastModifiedDateTime: created, changeKey: changeKey(), parentFolderId: folder, fileAs: "" };
    store.insertContact(owner, folder, id, full);
    for (const [pid, single, value] of props) store.setProp(id, pid, single, value);
  };

  for (const owner of SALESPEOPLE) {
    const folder = store.defaultFolder(owner)!.id;
    const people: Person[] = [];
    const count = CUSTOMER_COUNTS[owner]!;
    for (let i = 0; i < count; i++) {
      let fixed: Parameters<typeof makeCustomer>[2];
      if (owner === "zhang.wei@contoso.com" && i === 0) fixed = { given: "洋", sur: "刘", email: "liu.yang@huaxin-tech.cn", company: "华信科技有限公司", cn: true };
      if (owner === "zhang.wei@contoso.com" && i === 1) fixed = { given: "James", sur: "Miller", email: "james.miller@fabrikam.com", company: "Fabrikam Industries", cn: false };
      const { doc, person } = makeCustomer(owner, undefined, fixed);
      people.push(person);
      const props: [string, boolean, string | string[]][] = [];
      // ~75% carry field values; the first two (well-known thread contacts) always do.
      if (i < 2 || rnd() < 0.75) {
        const r = rnd();
        props.push([PROP.tier, true, r < 0.25 ? "key" : r < 0.65 ? "regular" : "potential"]);
        props.push([PROP.owner, true, owner]);
        // LastContacted 0–20 days ago: active (<5), lapsing (5–7), lapsed (>7).
        const last = i === 0 ? 2 : i === 1 ? 9 : int(0, 20);
        props.push([PROP.lastContacted, true, iso(new Date(now.getTime() - last * DAY - int(0, 8) * 3_600_000))]);
        props.push([PROP.needsRecontact, true, last > 7 || rnd() < 0.2 ? "true" : "false"]);
        if (rnd() < 0.8) {
          const next = int(-5, 14); // overdue / today / future
          props.push([PROP.nextContact, true, iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + next, 1, 0, 0)))]);
        }
        const prods = new Set<string>();
        const k = int(1, 3);
        while (prods.size < k) prods.add(pick(PRODUCTS));
        props.push([PROP.products, false, [...prods]]);
      }
      if (rnd() < 0.3) doc.categories = [pick(MASTER_CATEGORIES).displayName];
      if (rnd() < 0.3) doc.personalNotes = pick(["年底有扩产计划", "Prefers WeChat", "需要样品", "Budget approved for Q3", "对价格敏感", ""]);
      insert(owner, folder, doc, props, int(20, 400));
    }
    contactsByOwner.set(owner, people);
    // The salesperson's default Contacts folder is shared with the manager (docs/contracts.md; S4) with edit
    // rights (Outlook's "Editor"): the manager reads it in the Team view and reassigns customers between
    // salespeople (issue 13 item 5), which writes in both folders.
    store.share(folder, MANAGER, "write");
    // Salespeople share their folders with each other with edit rights, so a lapsed customer can be claimed from
    // the pool (issue 6, 客户认领: owner and last contacted are written on the teammate's contact).
    for (const other of SALESPEOPLE) if (other !== owner) store.share(folder, other, "write");
  }
  {
    const folder = store.defaultFolder(MANAGER)!.id;
    const people: Person[] = [];
    for (let i = 0; i < DEMO_FACTS.managerOwnContacts; i++) {
      const { doc, person } = makeCustomer(MANAGER);
      people.push(person);
      insert(MANAGER, folder, doc, [], int(20, 400));
    }
    contactsByOwner.set(MANAGER, people);
  }
  for (const u of USERS) for (const c of MASTER_CATEGORIES) store.insertCategory(u.upn, c.displayName, c.color);

  // ---------------------------------------------------------------- mail
  const userPerson = (upn: string): Person => ({ name: USERS.find((u) => u.upn === upn)!.displayName, address: upn });
  const addMessage = (owner: string, conv: string, subject: string, from: Person, to: Person[], cc: Person[], at: Date, idx: number): void => {
    const sent = from.address === owner;
    const t = iso(at);
    store.insertMessage(owner, {
      id: store.newId("message"), createdDateTime: t, lastModifiedDateTime: t, changeKey: changeKey(), categories: [],
      receivedDateTime: t, sentDateTime: t, hasAttachments: false,
      internetMessageId: `<${conv.slice(10, 22).replace(/[^A-Za-z0-9]/g, "x")}.${idx}@${from.address.split("@")[1]}>`,
      subject: idx === 0 ? subject : `${subject.startsWith("RE:") ? "" : "RE: "}${subject}`,
      bodyPreview: sent ? "Thanks, see my notes below. 谢谢。" : "请查收附件中的资料。Please find the details below.",
      importance: "normal", parentFolderId: sent ? `sentitems:${owner}` : `inbox:${owner}`, conversationId: conv,
      conversationIndex: Buffer.from(`${conv}:${idx}`).toString("base64"), isDeliveryReceiptRequested: false, isReadReceiptRequested: false,
      isRead: true, isDraft: false, webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(conv)}&exvsurl=1&viewmodel=ReadMessageItem`,
      inferenceClassification: "focused", body: { contentType: "html", content: `<html><body><p>${sent ? "Thanks. 谢谢。" : "您好，请查收。Hello, details below."}</p></body></html>` },
      sender: { emailAddress: from }, from: { emailAddress: from },
      toRecipients: to.map((p) => ({ emailAddress: p })), ccRecipients: cc.map((p) => ({ emailAddress: p })), bccRecipients: [], replyTo: [],
      flag: { flagStatus: "notFlagged" },
    });
  };
  const zw = userPerson("zhang.wei@contoso.com");
  const ln = userPerson(MANAGER);
  const convId = (owner: string, n: number): string =>
    n === 0 && owner === "zhang.wei@contoso.com" ? DEMO_FACTS.wellKnownThread.conversationId
      : n === 1 && owner === "zhang.wei@contoso.com" ? DEMO_FACTS.secondThread.conversationId
        : `AAQkAD${Buffer.from(`${owner.split("@")[0]}-conv-${String(n).padStart(3, "0")}-${Math.floor(rnd() * 1e9)}`).toString("base64").replace(/\+/g, "-").replace(/\//g, "_")}`;

  // Well-known thread 1 (4 messages, contact + non-contact + noreply + colleague).
  {
    const t = DEMO_FACTS.wellKnownThread;
    const liu = { name: "刘洋", address: "liu.yang@huaxin-tech.cn" };
    const zhao = { name: "赵磊", address: "zhao.lei@huaxin-tech.cn" };
    const noreply = { name: "华信采购系统", address: t.noreplyAddress };
    const base = now.getTime() - 3 * DAY;
    addMessage(zw.address, t.conversationId, t.subject, noreply, [zw], [liu], new Date(base), 0);
    addMessage(zw.address, t.conversationId, t.subject, liu, [zw], [zhao], new Date(base + 2 * 3_600_000), 1);
    addMessage(zw.address, t.conversationId, t.subject, zw, [liu, zhao], [ln], new Date(base + 5 * 3_600_000), 2);
    addMessage(zw.address, t.conversationId, t.subject, zhao, [zw], [liu, ln], new Date(base + DAY), 3);
  }
  {
    const t = DEMO_FACTS.secondThread;
    const james = { name: "James Miller", address: "james.miller@fabrikam.com" };
    const olivia = { name: "Olivia Brown", address: "olivia.brown@fabrikam.com" };
    const wf = userPerson("wang.fang@contoso.com");
    const base = now.getTime() - 9 * DAY;
    addMessage(zw.address, t.conversationId, t.subject, james, [zw], [olivia], new Date(base), 0);
    addMessage(zw.address, t.conversationId, t.subject, zw, [james], [olivia, wf], new Date(base + 4 * 3_600_000), 1);
    addMessage(zw.address, t.conversationId, t.subject, olivia, [zw, james], [], new Date(base + DAY), 2);
  }
  const SUBJECTS = ["伺服电机选型咨询", "变频器技术参数确认", "Quarterly order forecast", "触摸屏样品寄送", "Site visit next week", "年度框架协议续签",
    "工业传感器报价", "Invoice and payment terms", "Installation support request", "新产品发布会邀请", "Spare parts availability", "PLC程序升级方案"];
  const STRANGERS: Person[] = [
    { name: "孙丽", address: "sun.li@hengda-auto.cn" }, { name: "Tom Baker", address: "tom.baker@litwareinc.com" },
    { name: "周强", address: "zhou.qiang@ruifeng-elec.cn" }, { name: "Sarah Lee", address: "sarah.lee@woodgrove.com" },
  ];
  const NOREPLY: Person[] = [{ name: "CRM Notifications", address: "noreply@crm.contoso.com" }, { name: "采购平台", address: "no-reply@purchase.jinqiao-me.cn" }];
  for (const owner of [...SALESPEOPLE, MANAGER]) {
    const me = userPerson(owner);
    const customers = contactsByOwner.get(owner)!;
    const total = DEMO_FACTS.threadsPerMailbox[owner]!;
    const start = owner === "zhang.wei@contoso.com" ? 2 : 0;
    for (let n = start; n < total; n++) {
      const conv = convId(owner, n);
      const subject = pick(SUBJECTS);
      const cust = pick(customers);
      const others: Person[] = [cust];
      if (rnd() < 0.5) others.push(pick(customers));
      if (rnd() < 0.4) others.push(pick(STRANGERS));
      if (rnd() < 0.2) others.push(pick(NOREPLY));
      const colleague = userPerson(pick(USERS.filter((u) => u.upn !== owner)).upn);
      const k = int(2, 5);
      let at = now.getTime() - int(0, 30) * DAY - int(0, 23) * 3_600_000;
      for (let i = 0; i < k; i++) {
        const fromMe = i % 2 === 1;
        const from = fromMe ? me : others[i % others.length]!;
        const to = fromMe ? others.slice(0, 2) : [me];
        const cc = rnd() < 0.5 ? [colleague] : [];
        addMessage(owner, conv, subject, from, to, cc, new Date(at), i);
        at += int(1, 30) * 3_600_000;
      }
    }
  }
}
