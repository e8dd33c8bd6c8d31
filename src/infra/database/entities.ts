import { AgendaItemEntity } from '../../modules/agenda-items/agenda-item.entity';
import { ApiKeyEntity } from '../../modules/api-keys/api-key.entity';
import { BodyEntity } from '../../modules/bodies/body.entity';
import { ChangeEventEntity } from '../../modules/changes/change-event.entity';
import { CommitteeEntity } from '../../modules/committees/committee.entity';
import { ConsultationEntity } from '../../modules/consultations/consultation.entity';
import { DocumentEntity } from '../../modules/documents/document.entity';
import { FileEntity } from '../../modules/files/file.entity';
import { LegislativeTermEntity } from '../../modules/legislative-terms/legislative-term.entity';
import { LocationEntity } from '../../modules/locations/location.entity';
import { MembershipEntity } from '../../modules/memberships/membership.entity';
import { MinutesEntity } from '../../modules/minutes/minutes.entity';
import { PersonEntity } from '../../modules/people/person.entity';
import { SessionCommitteeEntity, SessionEntity } from '../../modules/sessions/session.entity';
import { NEWSLETTER_ENTITIES } from '../../modules/newsletter/newsletter.entities';
import { ACCOUNT_ENTITIES } from '../../modules/accounts/account.entities';
import { ME_ENTITIES } from '../../modules/me/me.entities';
import { BodyExportEntity } from '../../modules/exports/body-export.entity';

export const ENTITIES = [
  AgendaItemEntity,
  ApiKeyEntity,
  BodyEntity,
  BodyExportEntity,
  ChangeEventEntity,
  CommitteeEntity,
  ConsultationEntity,
  DocumentEntity,
  FileEntity,
  LegislativeTermEntity,
  LocationEntity,
  MembershipEntity,
  MinutesEntity,
  PersonEntity,
  SessionCommitteeEntity,
  SessionEntity,
  ...NEWSLETTER_ENTITIES,
  ...ACCOUNT_ENTITIES,
  ...ME_ENTITIES,
];
