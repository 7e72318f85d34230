/**
 * Realistic-looking (and entirely made-up) customers: Chinese names from common surnames and
 * given-name characters, mobile numbers (1[3-9]x…), resident identity numbers with a valid GB 11643
 * check digit, and shop names for commercial customers.
 */
import type { Prng } from './prng';

/** Common surnames, the most frequent listed more than once so they come up more often. */
const SURNAMES = [
  '王', '王', '王', '李', '李', '李', '张', '张', '张', '刘', '刘', '陈', '陈', '杨', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马',
  '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董',
  '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆',
  '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷',
  '侯', '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '向', '汤', '欧阳',
];

const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '桂英', '秀英',
  '华', '玉', '萍', '红', '鹏', '辉', '建', '国', '斌', '宇', '浩', '凯', '婷', '雪', '琳', '晨', '欣', '佳', '怡', '子涵', '梓萱',
  '志强', '建华', '建国', '俊', '帆', '瑞', '博', '文', '海', '波', '云', '丹', '莉', '燕', '慧', '颖', '倩', '宁', '飞', '亮', '成',
  '春', '兰', '梅', '秀', '凤', '荣', '德', '福', '昌', '永', '宏', '晓', '东', '新', '光', '嘉', '思', '雨', '一', '天', '泽', '轩',
];

const SHOP_KINDS = ['便利店', '小吃店', '理发店', '面馆', '五金店', '药店', '水果店', '洗衣店', '超市', '茶室', '快递驿站', '早餐店'];

export function personName(rng: Prng): string {
  const surname = rng.pick(SURNAMES);
  const first = rng.pick(GIVEN);
  // About half of given names have two characters; a two-character pick already has both.
  return first.length === 1 && rng.chance(0.55) ? surname + first + rng.pick(GIVEN).slice(0, 1) : surname + first;
}

export function shopName(rng: Prng): string {
  return `${rng.pick(SURNAMES)}记${rng.pick(SHOP_KINDS)}`;
}

const MOBILE_PREFIXES = ['13', '15', '17', '18', '19', '14', '16'];

export function mobile(rng: Prng): string {
  return `${rng.pick(MOBILE_PREFIXES)}${rng.digits(9)}`;
}

const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CODES = '10X98765432';

/** An 18-character resident identity number with a valid check digit (GB 11643-1999). */
export function idNumber(rng: Prng, region: string): string {
  const year = rng.between(1945, 2000);
  const month = String(rng.between(1, 12)).padStart(2, '0');
  const day = String(rng.between(1, 28)).padStart(2, '0');
  const body = `${region}${year}${month}${day}${rng.digits(3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body[i]) * CHECK_WEIGHTS[i]!;
  return body + CHECK_CODES[sum % 11]!;
}
