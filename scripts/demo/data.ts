// The demo park's fixed tables, modelled on the source articles in ../shared/seeds (酒泉、宣化、宁夏、白云、科技园):
// enterprises of a northwest industrial park, branches formed 单独 / 联合 / 挂靠, 党员先锋岗 / 示范岗 titles and
// 责任区 as those parks name them. Every name here is invented; phones are 139000000xx (obviously fake).
import type { BranchKind } from '../../shared/contract';

export const DEMO_PARK = { _id: 'park-demo', name: '雄关工业园区' } as const;

export interface EnterpriseSpec {
  key: string;
  name: string;
  industry: string;
  employees: number;
}

/** 20 enterprises; three small new ones are not covered by any branch yet (17 of 20 → 85%). */
export const ENTERPRISES: EnterpriseSpec[] = [
  { key: 'wind', name: '雄关风电装备有限公司', industry: '新能源装备', employees: 860 },
  { key: 'water', name: '祁连节水灌溉科技有限公司', industry: '节水灌溉', employees: 420 },
  { key: 'material', name: '酒泉新材料科技有限公司', industry: '复合材料', employees: 530 },
  { key: 'mining', name: '肃州矿冶机械有限公司', industry: '机械制造', employees: 310 },
  { key: 'blower', name: '雄关鼓风机制造有限公司', industry: '机械制造', employees: 240 },
  { key: 'drill', name: '河西钻探机械有限公司', industry: '机械制造', employees: 150 },
  { key: 'food', name: '祁连绿源食品有限公司', industry: '食品加工', employees: 180 },
  { key: 'cold', name: '丝路冷链物流有限公司', industry: '仓储物流', employees: 95 },
  { key: 'chem', name: '雄关精细化工有限公司', industry: '化工', employees: 210 },
  { key: 'print', name: '河西彩色印务有限公司', industry: '印刷包装', employees: 45 },
  { key: 'pharma', name: '祁连康泰药业有限公司', industry: '医药制造', employees: 260 },
  { key: 'optic', name: '敦煌光电科技有限公司', industry: '光电', employees: 120 },
  { key: 'soft', name: '雄关软件技术有限公司', industry: '软件信息', employees: 60 },
  { key: 'incub', name: '博远创业孵化器有限公司', industry: '科技服务', employees: 25 },
  { key: 'build', name: '河西新型建材有限公司', industry: '建材', employees: 140 },
  { key: 'taxi', name: '雄关出租汽车有限公司', industry: '交通运输', employees: 70 },
  { key: 'farm', name: '金塔农产品加工有限公司', industry: '农产品加工', employees: 85 },
  { key: 'test', name: '祁连检测认证有限公司', industry: '检测服务', employees: 35 },
  { key: 'ecom', name: '丝路电子商务有限公司', industry: '电子商务', employees: 30 },
  { key: 'eco', name: '雄关环保科技有限公司', industry: '环保', employees: 55 },
];

/** A person written out by hand: the personas, the secretaries, the admins and organizers. */
export interface FixedPerson {
  name: string;
  memberType: 'full' | 'probationary' | 'none';
  /** Full members: a fixed date (转正 is taken as one year later); probationary: days before today (a probationary year is under 365 days). */
  joined?: string | { daysAgo: number };
  post?: string;
  area?: string;
  /** Index into the branch's groups. */
  group?: number;
  secretary?: boolean;
  organizer?: boolean;
  parkAdmin?: boolean;
  /** A persona of the local persona picker (miniapp/src/local/personas.json). */
  openid?: string;
}

export interface BranchSpec {
  key: string;
  name: string;
  kind: BranchKind;
  enterprises: string[];
  groups: string[];
  /** People in the branch: members (full + probationary) and masses. */
  members: number;
  probationary: number;
  masses: number;
  /** Post titles for this branch; a title ending in 示范岗 is a 党员示范岗, otherwise a 党员先锋岗. */
  posts: string[];
  areas: string[];
  fixed: FixedPerson[];
}

export const BRANCHES: BranchSpec[] = [
  {
    key: 'wind', name: '雄关风电装备有限公司党支部', kind: 'single', enterprises: ['wind'],
    groups: ['叶片车间党小组', '总装车间党小组', '机关党小组'],
    members: 22, probationary: 2, masses: 6,
    posts: ['质检先锋岗', '叶片成型先锋岗', '安全生产示范岗', '技术攻关先锋岗', '总装调试示范岗'],
    areas: ['叶片车间', '总装车间', '二号车间', '原材料库', '成品堆场', '质检中心', '配电房', '办公楼二层'],
    fixed: [
      { name: '杨建华', memberType: 'full', joined: '1996-06-28', secretary: true, group: 2, openid: 'o_demo_secretary', post: '安全生产示范岗', area: '总装车间' },
      { name: '马秀兰', memberType: 'full', joined: '2009-06-18', group: 0, openid: 'o_demo_member', post: '质检先锋岗', area: '叶片车间' },
      { name: '刘欣怡', memberType: 'probationary', joined: { daysAgo: 120 }, group: 1, openid: 'o_demo_probationary' },
      { name: '孙浩然', memberType: 'none', openid: 'o_demo_masses' },
    ],
  },
  {
    key: 'material', name: '酒泉新材料科技有限公司党支部', kind: 'single', enterprises: ['material'],
    groups: ['生产党小组', '研发党小组'],
    members: 15, probationary: 1, masses: 5,
    posts: ['工艺创新先锋岗', '质量管控示范岗', '节能降耗先锋岗', '技术攻关先锋岗'],
    areas: ['一号生产线', '二号生产线', '研发楼三层', '原料库', '检测实验室', '锅炉房'],
    fixed: [{ name: '郑文斌', memberType: 'full', joined: '2001-07-01', secretary: true, group: 1 }],
  },
  {
    key: 'water', name: '祁连节水灌溉科技有限公司党支部', kind: 'single', enterprises: ['water'],
    groups: ['研发党小组', '生产营销党小组'],
    members: 13, probationary: 1, masses: 5,
    posts: ['科研攻关先锋岗', '滴灌带生产先锋岗', '客户服务示范岗'],
    areas: ['滴灌带车间', '研发楼三层', '成品库', '售后服务部'],
    fixed: [{ name: '牛海涛', memberType: 'full', joined: '1999-05-04', secretary: true, group: 0 }],
  },
  {
    key: 'pharma', name: '祁连康泰药业有限公司党支部', kind: 'single', enterprises: ['pharma'],
    groups: [],
    members: 10, probationary: 1, masses: 4,
    posts: ['GMP质量示范岗', '无菌车间先锋岗', '安全生产示范岗'],
    areas: ['无菌制剂车间', '包装车间', '质检中心', '仓储区'],
    fixed: [{ name: '黄丽娟', memberType: 'full', joined: '2004-12-20', secretary: true }],
  },
  {
    key: 'equip', name: '园区装备制造联合党支部', kind: 'joint', enterprises: ['mining', 'blower', 'drill', 'build'],
    groups: ['矿冶机械党小组', '鼓风机钻探党小组'],
    members: 16, probationary: 1, masses: 6,
    posts: ['焊接技能示范岗', '设备维修先锋岗', '安全生产示范岗', '技术攻关先锋岗'],
    areas: ['焊接车间', '机加工车间', '装配车间', '试车台', '仓储区', '项目部'],
    fixed: [
      { name: '祁永福', memberType: 'full', joined: '2003-07-01', secretary: true, group: 0, openid: 'o_demo_secretary2', area: '装配车间' },
      { name: '韩志军', memberType: 'full', joined: '1991-07-01', group: 0, openid: 'o_demo_member2', area: '机加工车间' },
    ],
  },
  {
    key: 'trade', name: '园区商贸物流联合党支部', kind: 'joint', enterprises: ['food', 'cold', 'taxi'],
    groups: [],
    members: 9, probationary: 1, masses: 5,
    posts: ['冷链配送先锋岗', '仓储管理示范岗', '文明驾驶示范岗', '食品安全先锋岗'],
    areas: ['冷库', '装卸区', '车队', '包装车间'],
    fixed: [{ name: '苏永平', memberType: 'full', joined: '1993-10-12', secretary: true }],
  },
  {
    key: 'tech', name: '园区科技服务联合党支部', kind: 'joint', enterprises: ['optic', 'soft', 'incub', 'test', 'print'],
    groups: ['光电检测党小组', '软件孵化党小组'],
    members: 13, probationary: 1, masses: 5,
    posts: ['技术攻关先锋岗', '创业服务示范岗', '检测质量先锋岗', '研发创新先锋岗'],
    areas: ['孵化器二层', '检测实验室', '研发楼三层', '光电产线', '印刷车间'],
    fixed: [
      { name: '何玉林', memberType: 'full', joined: '1998-07-01', secretary: true, group: 1 },
    ],
  },
  {
    // 挂靠: the small chemical company's members belong to the park office's branch.
    key: 'office', name: '园区机关党支部', kind: 'attached', enterprises: ['chem'],
    groups: [],
    members: 12, probationary: 0, masses: 4,
    posts: ['政务服务示范岗', '组织关系转接服务示范岗', '志愿服务先锋岗', '安全环保先锋岗'],
    areas: ['一站式服务窗口', '党群活动服务中心', '化工罐区', '园区东片区', '园区西片区'],
    fixed: [
      { name: '邵长青', memberType: 'full', joined: '1988-07-01', secretary: true, parkAdmin: true, post: '政务服务示范岗', area: '一站式服务窗口' },
      { name: '魏国庆', memberType: 'full', joined: '1991-06-25', parkAdmin: true, openid: 'o_demo_admin', area: '党群活动服务中心' },
      { name: '白雪梅', memberType: 'none', organizer: true, openid: 'o_demo_organizer' },
      { name: '蒋海燕', memberType: 'full', joined: '2011-11-08', organizer: true, post: '志愿服务先锋岗', area: '党群活动服务中心' },
    ],
  },
];

// Name pools by generation, so a member who joined in 1985 is not called 子豪.
export const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙段雷钱汤尹常武乔贺龚文牛祁闫';
export const GIVEN = {
  older: ['建国', '建军', '国庆', '卫国', '志刚', '永平', '永福', '玉林', '学军', '长生', '红兵', '新民', '立新', '春生', '福贵', '德胜', '秀英', '桂英', '玉兰', '秀兰', '淑芬', '桂兰', '凤英', '素珍', '玉梅', '春花'],
  middle: ['海涛', '海军', '明辉', '宏伟', '振华', '文斌', '建平', '晓东', '志勇', '卫平', '小龙', '俊峰', '红梅', '晓燕', '海燕', '丽华', '春梅', '雪梅', '丽娟', '晓红', '慧敏', '艳芳', '亚丽', '晓梅', '军', '斌', '涛', '霞', '娟', '燕'],
  younger: ['子豪', '浩宇', '博文', '思远', '一鸣', '嘉豪', '宇航', '泽宇', '天翔', '梓轩', '晨阳', '俊杰', '欣怡', '梦瑶', '雨桐', '佳怡', '静怡', '诗涵', '婉婷', '思琪', '雅琴', '紫涵', '鑫', '瑶', '琳', '璐', '楠', '悦'],
};
/** Well-known people (and the test park's personas), never generated. */
export const AVOID_NAMES = new Set([
  '王芳', '李强', '赵敏', '陈静', '孙丽', '张伟', '刘洋', '周涛', '李建国', '王志刚', '何卫东', '王勇', '王晨', '李斌', '马琳', '刘琳', '陈琳',
  '汪峰', '王峰', '江涛', '李晨', '郭涛', '刘涛', '马丽', '于丹', '韩雪', '朱军', '王丹', '杨丽萍', '周鹏', '张磊', '王军', '林丹', '孙杨', '毛泽宇', '林俊杰', '周杰', '王俊凯',
]);
