/**
 * Collects text into pages. Hard breaks (a page break in the document) always start a page;
 * soft ones (where the last editor's layout broke the page) only after some text, so that a
 * page break the editor also recorded as a layout break counts once.
 */
export class Pager {
  private readonly pages: string[] = [];
  private page = '';
  private blank = true;
  private lastBreak: 'soft' | 'hard' | null = null;

  text(text: string): void {
    this.page += text;
    if (this.blank && /\S/.test(text)) this.blank = false;
  }

  break(kind: 'soft' | 'hard'): void {
    if (this.blank && kind === 'soft') return;
    if (this.blank && this.lastBreak === 'soft') {
      // The layout break just recorded was this page break.
      this.lastBreak = kind;
      return;
    }
    this.pages.push(this.page);
    this.page = '';
    this.blank = true;
    this.lastBreak = kind;
  }

  finish(): string[] {
    return [...this.pages, this.page];
  }
}
