import { tooLarge } from '../../errors';
import { wan } from '../limits';
import { nextTag, runsText, selfClosing, tagEnd, XmlDamage } from '../xml/xml-text';
import { damagedSheet } from './sheet-rows';

/**
 * xl/sharedStrings.xml: the texts cells of type "s" point to by number. Read once, before
 * any sheet, as plain strings (rich text joined, phonetic guides left out). Capped in count
 * and in characters: it is the one part that is held whole in memory.
 */
export interface SharedStrings {
  get(index: number): string | undefined;
  readonly count: number;
}

export const NO_STRINGS: SharedStrings = { get: () => undefined, count: 0 };

export interface SharedStringLimits {
  maxSharedStrings: number;
  maxSharedStringChars: number;
  maxRowXmlChars: number;
}

const LABEL = '工作簿的共享文字部分';
const MAX_CELL_CHARS = 32_767;

export class SharedStringReader {
  readonly list: string[] = [];
  private chars = 0;
  private carry = '';
  private p: string | null = null;

  constructor(private readonly limits: SharedStringLimits) {}

  push(chunk: string): void {
    let s = this.carry.length ? this.carry + chunk : chunk;
    this.carry = '';
    try {
      if (this.p === null) {
        const root = /<([A-Za-z_][\w.-]*:)?sst[\s>/]/.exec(s);
        if (!root) {
          if (s.length > 1024 * 1024) throw damagedSheet(LABEL, '内容不是有效的共享文字数据');
          this.carry = s;
          return;
        }
        this.p = root[1] ?? '';
        this.checkDeclared(s, root.index);
        s = s.slice(root.index);
      }
      const open = `<${this.p}si`;
      const close = `</${this.p}si>`;
      let pos = 0;
      for (;;) {
        const lt = nextTag(s, open, pos);
        if (lt === -1) {
          pos = Math.max(pos, s.length - open.length);
          break;
        }
        const gt = tagEnd(s, lt);
        if (gt === -1) {
          pos = lt;
          break;
        }
        if (selfClosing(s, gt)) {
          this.add('');
          pos = gt + 1;
          continue;
        }
        const end = s.indexOf(close, gt + 1);
        if (end === -1) {
          pos = lt;
          break;
        }
        this.add(runsText(s, gt + 1, end, this.p));
        pos = end + close.length;
      }
      this.carry = s.slice(pos);
      if (this.carry.length > this.limits.maxRowXmlChars) throw tooLarge(`${LABEL}中有一项内容过大，可能是异常文件`);
    } catch (e) {
      if (e instanceof XmlDamage) throw damagedSheet(LABEL, `XML 结构有误（${e.message}，在第${this.list.length + 1}项附近）`);
      throw e;
    }
  }

  end(): SharedStrings {
    if (this.p === null && this.carry.trim() !== '') throw damagedSheet(LABEL, '内容不是有效的共享文字数据');
    // Each text read is a view into the XML chunk it came from, which it keeps alive, markup
    // and all (~50 MB for 100,000 rows): the texts are copied end to end into one string
    // and each is cut out again when asked for.
    const count = this.list.length;
    const starts = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) starts[i + 1] = starts[i]! + this.list[i]!.length;
    const all = this.list.join('');
    this.list.length = 0;
    return { get: (i) => (Number.isInteger(i) && i >= 0 && i < count ? all.slice(starts[i], starts[i + 1]) : undefined), count };
  }

  /** A count that declares more than the limit is refused before reading on. */
  private checkDeclared(s: string, at: number): void {
    const gt = s.indexOf('>', at);
    const m = /\buniqueCount\s*=\s*["'](\d{1,12})["']/.exec(s.slice(at, gt === -1 ? at + 500 : gt));
    if (m && Number(m[1]) > this.limits.maxSharedStrings) this.tooMany();
  }

  private add(text: string): void {
    if (text.length > MAX_CELL_CHARS) {
      throw tooLarge(`${LABEL}中第${this.list.length + 1}项有 ${text.length.toLocaleString('en-US')} 个字符，超过了 Excel 每个单元格最多 32,767 个字符的限制（文件可能被其他程序改动过）`);
    }
    this.chars += text.length;
    if (this.chars > this.limits.maxSharedStringChars) {
      throw tooLarge(`${LABEL}的文字总量超过了本程序的上限（${wan(this.limits.maxSharedStringChars)}个字符）`);
    }
    if (this.list.length >= this.limits.maxSharedStrings) this.tooMany();
    this.list.push(text);
  }

  private tooMany(): never {
    throw tooLarge(`${LABEL}的条目超过了本程序的上限（${wan(this.limits.maxSharedStrings)}条）`);
  }
}
