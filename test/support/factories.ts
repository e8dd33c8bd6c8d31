import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AgendaItemEntity } from '../../src/modules/agenda-items/agenda-item.entity';
import { BodyEntity } from '../../src/modules/bodies/body.entity';
import { CommitteeEntity } from '../../src/modules/committees/committee.entity';
import { ConsultationEntity } from '../../src/modules/consultations/consultation.entity';
import { DocumentEntity } from '../../src/modules/documents/document.entity';
import { FileEntity } from '../../src/modules/files/file.entity';
import { LegislativeTermEntity } from '../../src/modules/legislative-terms/legislative-term.entity';
import { LocationEntity } from '../../src/modules/locations/location.entity';
import { MembershipEntity } from '../../src/modules/memberships/membership.entity';
import { MinutesEntity } from '../../src/modules/minutes/minutes.entity';
import { PersonEntity } from '../../src/modules/people/person.entity';
import { SessionCommitteeEntity, SessionEntity } from '../../src/modules/sessions/session.entity';

/**
 * Factories: each inserts one row with sensible defaults (published unless told otherwise)
 * and returns it. Tests say only what matters to them.
 */
type Init<E> = Partial<E> & { bodyId: string };

const published = (): { publishedAt: Date } => ({ publishedAt: new Date() });

async function insert<E extends object>(ds: DataSource, entity: new () => E, values: Partial<E>): Promise<E> {
  const repo = ds.getRepository(entity);
  return repo.save(repo.create(values as E));
}

export function createBody(ds: DataSource, init: Partial<BodyEntity> = {}): Promise<BodyEntity> {
  const slug = init.slug ?? `body-${randomUUID().slice(0, 8)}`;
  return insert(ds, BodyEntity, { name: `Stadt ${slug}`, slug, webUrlTemplates: {}, ...init });
}

export function createLocation(ds: DataSource, init: Init<LocationEntity>): Promise<LocationEntity> {
  return insert(ds, LocationEntity, { description: 'Rathaus, Ratssaal', streetAddress: 'Marktplatz 1', postalCode: '12345', locality: 'Musterstadt', ...published(), ...init });
}

export function createLegislativeTerm(ds: DataSource, init: Init<LegislativeTermEntity>): Promise<LegislativeTermEntity> {
  return insert(ds, LegislativeTermEntity, { name: 'Wahlperiode 2025–2030', startDate: '2025-11-01', endDate: '2030-10-31', ...published(), ...init });
}

export function createCommittee(ds: DataSource, init: Init<CommitteeEntity>): Promise<CommitteeEntity> {
  return insert(ds, CommitteeEntity, { name: 'Ausschuss für Umwelt und Verkehr', kind: 'committee', ...published(), ...init });
}

export function createPerson(ds: DataSource, init: Init<PersonEntity>): Promise<PersonEntity> {
  return insert(ds, PersonEntity, { name: 'Erika Mustermann', givenName: 'Erika', familyName: 'Mustermann', ...published(), ...init });
}

export function createMembership(ds: DataSource, init: Init<MembershipEntity> & { personId: string; committeeId: string }): Promise<MembershipEntity> {
  return insert(ds, MembershipEntity, { role: 'Mitglied', votingRight: true, startDate: '2025-11-01', ...published(), ...init });
}

export async function createSession(ds: DataSource, init: Init<SessionEntity> & { committeeIds?: string[] }): Promise<SessionEntity> {
  const { committeeIds, ...values } = init;
  const session = await insert(ds, SessionEntity, { name: 'Sitzung des Rates', start: new Date('2025-03-04T17:00:00Z'), state: 'scheduled', ...published(), ...values });
  if (committeeIds?.length) {
    await ds.getRepository(SessionCommitteeEntity).insert(committeeIds.map((committeeId, position) => ({ sessionId: session.id, committeeId, position })));
  }
  return session;
}

export function createAgendaItem(ds: DataSource, init: Init<AgendaItemEntity> & { sessionId: string }): Promise<AgendaItemEntity> {
  return insert(ds, AgendaItemEntity, { name: 'Radwegekonzept Innenstadt', number: 'Ö 1', position: 0, public: true, ...published(), ...init });
}

export function createDocument(ds: DataSource, init: Init<DocumentEntity>): Promise<DocumentEntity> {
  return insert(ds, DocumentEntity, { name: 'Radwegekonzept Innenstadt', reference: '0123/2025', documentType: 'Beschlussvorlage', date: '2025-02-01', public: true, ...published(), ...init });
}

export function createConsultation(ds: DataSource, init: Init<ConsultationEntity> & { documentId: string }): Promise<ConsultationEntity> {
  return insert(ds, ConsultationEntity, { role: 'Entscheidung', authoritative: true, ...published(), ...init });
}

export function createFile(ds: DataSource, init: Init<FileEntity>): Promise<FileEntity> {
  return insert(ds, FileEntity, {
    name: 'Vorlage',
    fileName: 'vorlage.pdf',
    mimeType: 'application/pdf',
    size: '4',
    sha512: '0'.repeat(128),
    storageKey: `${init.bodyId}/${randomUUID()}`,
    public: true,
    role: 'main',
    ...published(),
    ...init,
  });
}

export function createMinutes(ds: DataSource, init: Init<MinutesEntity> & { sessionId: string }): Promise<MinutesEntity> {
  return insert(ds, MinutesEntity, { kind: 'results', status: 'published', ...published(), ...init });
}
