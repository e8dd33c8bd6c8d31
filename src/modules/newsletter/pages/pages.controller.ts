import { applyDecorators, Body, Controller, Get, Header, Headers, HttpCode, Post, Query, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access, CurrentScope } from '../../../common/access/access.decorator';
import type { Scope } from '../../../common/access/access';
import { PrimaryReads } from '../../../common/access/replica-reads';
import { Problem } from '../../../common/http/problem';
import { PAGES_PATH } from '../mail/render';
import { NewsletterService } from '../newsletter.service';
import { ManageFormDto, PageTokenDto, toUpdate } from './pages.dto';
import { NewsletterPageFilter, PageAnswer } from './pages.filter';
import {
  confirmedPage,
  confirmPage,
  type ManageNotice,
  managePage,
  PAGE_HEADERS,
  type PageContext,
  pageLanguage,
  type PageName,
  switchHref,
  unsubscribedPage,
  unsubscribePage,
} from './pages.render';

const PageHeaders = (): MethodDecorator => applyDecorators(...Object.entries(PAGE_HEADERS).map(([name, value]) => Header(name, value)));

function context(scope: Scope, input: PageTokenDto, acceptLanguage: string | undefined, page?: PageName): PageContext {
  const lang = pageLanguage(input.lang, acceptLanguage);
  return { lang, bodyName: scope.body.name, ...(page ? { switchHref: switchHref(page, input.token, lang) } : {}) };
}

/**
 * The newsletter's pages for subscribers, which mails link to while the body's newsletter
 * settings name no pages of the city's website (see pages.render.ts). HTML for people, not
 * part of the API's spec. A GET shows a page and changes nothing (mail scanners open links);
 * its button posts the token in the form body.
 */
@ApiExcludeController()
@UseFilters(NewsletterPageFilter)
// Subscriptions are read back moments after they were written (confirmation links).
@PrimaryReads()
@Controller(`v1/bodies/:body/${PAGES_PATH}`)
export class NewsletterPagesController {
  constructor(private readonly newsletter: NewsletterService) {}

  @Get('confirm')
  @Access('public')
  @PageHeaders()
  async showConfirm(@CurrentScope() scope: Scope, @Query() query: PageTokenDto, @Headers('accept-language') accept?: string): Promise<string> {
    await this.newsletter.checkConfirmToken(scope.body, query.token);
    return confirmPage(context(scope, query, accept, 'confirm'), query.token);
  }

  @Post('confirm')
  @Access('public')
  @HttpCode(200)
  @PageHeaders()
  async confirm(@CurrentScope() scope: Scope, @Body() form: PageTokenDto, @Headers('accept-language') accept?: string): Promise<string> {
    const confirmed = await this.newsletter.confirm(scope.body, form.token);
    return confirmedPage(context(scope, form, accept), confirmed.manageToken);
  }

  @Get('manage')
  @Access('public')
  @PageHeaders()
  async showManage(@CurrentScope() scope: Scope, @Query() query: PageTokenDto, @Headers('accept-language') accept?: string): Promise<string> {
    return managePage(context(scope, query, accept, 'manage'), await this.newsletter.manageView(scope.body, query.token), query.token);
  }

  /** Saves the form; what the service refuses (no topic left, a committee gone) shows on the form, with nothing changed. */
  @Post('manage')
  @Access('public')
  @HttpCode(200)
  @PageHeaders()
  async manage(@CurrentScope() scope: Scope, @Body() form: ManageFormDto, @Headers('accept-language') accept?: string): Promise<string> {
    const ctx = context(scope, form, accept, 'manage');
    try {
      await this.newsletter.update(scope.body, form.token, toUpdate(form));
    } catch (error) {
      if (!(error instanceof Problem) || error.getStatus() !== 400) throw error;
      const notice: ManageNotice = error.errors?.some((e) => e.field === 'topics.committees') ? 'unknownCommittee' : 'needTopic';
      throw new PageAnswer(400, managePage(ctx, await this.newsletter.manageView(scope.body, form.token), form.token, notice));
    }
    return managePage(ctx, await this.newsletter.manageView(scope.body, form.token), form.token, 'saved');
  }

  @Get('unsubscribe')
  @Access('public')
  @PageHeaders()
  async showUnsubscribe(@CurrentScope() scope: Scope, @Query() query: PageTokenDto, @Headers('accept-language') accept?: string): Promise<string> {
    return unsubscribePage(context(scope, query, accept, 'unsubscribe'), query.token, await this.newsletter.statusOf(scope.body, query.token));
  }

  /** With the unsubscribe token of a mail's link, or the manage token of the manage page. */
  @Post('unsubscribe')
  @Access('public')
  @HttpCode(200)
  @PageHeaders()
  async unsubscribe(@CurrentScope() scope: Scope, @Body() form: PageTokenDto, @Headers('accept-language') accept?: string): Promise<string> {
    await this.newsletter.unsubscribe(scope.body, form.token, 'page');
    return unsubscribedPage(context(scope, form, accept));
  }
}
