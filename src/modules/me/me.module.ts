import { Module } from '@nestjs/common';
import { BookmarksController } from './bookmarks.controller';
import { BookmarksRepository } from './bookmarks.repository';
import { BookmarksService } from './bookmarks.service';
import { ExportService } from './export.service';
import { PersonalItems } from './personal-items';
import { FeedRepository } from './feed.repository';
import { FeedService } from './feed.service';
import { FollowsController } from './follows.controller';
import { FollowsRepository } from './follows.repository';
import { FollowsService } from './follows.service';
import { MarkingsController } from './markings.controller';
import { MarkingsRepository } from './markings.repository';
import { MarkingsService } from './markings.service';
import { MeController } from './me.controller';
import { NotesController } from './notes.controller';
import { NotesRepository } from './notes.repository';
import { NotesService } from './notes.service';
import { PersonalWriter } from './personal-writer';
import { SyncRepository } from './sync.repository';
import { SyncService } from './sync.service';
import { TargetResolver } from './target-resolver';

/** A reader's own notes, markings, bookmarks and follows, their sync feed, the feed of followed changes and the export (`/v1/me`). */
@Module({
  controllers: [NotesController, MarkingsController, BookmarksController, FollowsController, MeController],
  providers: [
    PersonalWriter,
    TargetResolver,
    NotesRepository,
    NotesService,
    MarkingsRepository,
    MarkingsService,
    BookmarksRepository,
    BookmarksService,
    FollowsRepository,
    FollowsService,
    SyncRepository,
    SyncService,
    FeedRepository,
    FeedService,
    PersonalItems,
    ExportService,
  ],
})
export class MeModule {}
