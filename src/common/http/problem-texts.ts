import type { Language } from './language';

/**
 * The texts of problem details, in every language the API speaks, keyed by stable ids. Each
 * text names the machine-readable `code` a client acts on; codes never change with the
 * language, and several texts may share one code. Placeholders `{name}` take parameters: a
 * string or number as it is, a `Noun` in the answer's language.
 */
export type Noun = Readonly<Record<Language, string>>;
export type Param = string | number | Noun;
export type Params = Readonly<Record<string, Param>>;

interface Text<Code extends string> {
  code: Code;
  de: string;
  en: string;
}

/** Top-level `code` of a problem. */
export const PROBLEM_CODES = [
  'invalid_fields',
  'invalid_body',
  'invalid_request',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'quota_exceeded',
  'not_found',
  'method_not_allowed',
  'not_acceptable',
  'request_timeout',
  'conflict',
  'gone',
  'length_required',
  'precondition_failed',
  'payload_too_large',
  'uri_too_long',
  'unsupported_media_type',
  'range_not_satisfiable',
  'idempotency_key_reused',
  'precondition_required',
  'rate_limited',
  'headers_too_large',
  'internal_error',
  'database_unavailable',
  'search_unavailable',
  'not_configured',
  'service_unavailable',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** `errors[].code` of a field error. */
export const FIELD_CODES = [
  'required',
  'unknown_field',
  'not_a_string',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'not_an_array',
  'not_an_object',
  'not_a_uuid',
  'not_an_integer',
  'out_of_range',
  'not_a_boolean',
  'not_one_of',
  'not_an_email',
  'not_a_date',
  'invalid_format',
  'invalid_text',
  'forbidden_name',
  'bad_encoding',
  'unknown_reference',
  'before_start',
  'invalid_cursor',
  'inconsistent',
  'requires_other',
  'not_applicable',
  'duplicate',
  'misplaced',
  'cycle',
  'taken',
  'invalid_value',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

/** Titles by HTTP status, and the code of a problem that has no more specific one. */
export const STATUSES: Record<number, Text<ProblemCode>> = {
  400: { code: 'invalid_request', de: 'Ungültige Anfrage', en: 'Bad Request' },
  401: { code: 'unauthenticated', de: 'Nicht angemeldet', en: 'Unauthorized' },
  403: { code: 'forbidden', de: 'Zugriff verweigert', en: 'Forbidden' },
  404: { code: 'not_found', de: 'Nicht gefunden', en: 'Not Found' },
  405: { code: 'method_not_allowed', de: 'Methode nicht erlaubt', en: 'Method Not Allowed' },
  406: { code: 'not_acceptable', de: 'Format nicht verfügbar', en: 'Not Acceptable' },
  408: { code: 'request_timeout', de: 'Zeitüberschreitung der Anfrage', en: 'Request Timeout' },
  409: { code: 'conflict', de: 'Konflikt', en: 'Conflict' },
  410: { code: 'gone', de: 'Nicht mehr vorhanden', en: 'Gone' },
  411: { code: 'length_required', de: 'Längenangabe fehlt', en: 'Length Required' },
  412: { code: 'precondition_failed', de: 'Vorbedingung nicht erfüllt', en: 'Precondition Failed' },
  413: { code: 'payload_too_large', de: 'Anfrage zu groß', en: 'Payload Too Large' },
  414: { code: 'uri_too_long', de: 'Adresse zu lang', en: 'URI Too Long' },
  415: { code: 'unsupported_media_type', de: 'Medientyp nicht unterstützt', en: 'Unsupported Media Type' },
  416: { code: 'range_not_satisfiable', de: 'Bereich nicht erfüllbar', en: 'Range Not Satisfiable' },
  422: { code: 'idempotency_key_reused', de: 'Anfrage nicht verarbeitbar', en: 'Unprocessable Content' },
  428: { code: 'precondition_required', de: 'Vorbedingung erforderlich', en: 'Precondition Required' },
  429: { code: 'rate_limited', de: 'Zu viele Anfragen', en: 'Too Many Requests' },
  431: { code: 'headers_too_large', de: 'Header zu groß', en: 'Request Header Fields Too Large' },
  500: { code: 'internal_error', de: 'Interner Fehler', en: 'Internal Server Error' },
  503: { code: 'service_unavailable', de: 'Dienst nicht verfügbar', en: 'Service Unavailable' },
};

/** Names of things, for the parameters of texts. */
export const NOUNS = {
  'legislative-term': { de: 'Wahlperiode', en: 'legislative term' },
  location: { de: 'Ort', en: 'location' },
  committee: { de: 'Gremium', en: 'committee' },
  person: { de: 'Person', en: 'person' },
  membership: { de: 'Mitgliedschaft', en: 'membership' },
  session: { de: 'Sitzung', en: 'session' },
  'agenda-item': { de: 'Tagesordnungspunkt', en: 'agenda item' },
  document: { de: 'Vorlage', en: 'document' },
  consultation: { de: 'Beratung', en: 'consultation' },
  file: { de: 'Datei', en: 'file' },
  minutes: { de: 'Niederschrift', en: 'minutes' },
  body: { de: 'Körperschaft', en: 'body' },
  export: { de: 'Export', en: 'export' },
  note: { de: 'Notiz', en: 'note' },
  marking: { de: 'Markierung', en: 'marking' },
  bookmark: { de: 'Lesezeichen', en: 'bookmark' },
  follow: { de: 'Abo', en: 'follow' },
  token: { de: 'Token', en: 'token' },
  'app-account': { de: 'App-Konto', en: 'app account' },
  'member-access': { de: 'Mitgliederzugang des App-Kontos', en: 'member access of app account' },
  notes: { de: 'Notizen', en: 'notes' },
  markings: { de: 'Markierungen', en: 'markings' },
  bookmarks: { de: 'Lesezeichen', en: 'bookmarks' },
  follows: { de: 'Abos', en: 'follows' },
  writes: { de: 'Schreibzugriffe', en: 'writes' },
  requests: { de: 'Anfragen', en: 'requests' },
  searches: { de: 'Suchanfragen', en: 'searches' },
  draft: { de: '„Entwurf“', en: 'draft' },
  approved: { de: '„genehmigt“', en: 'approved' },
  published: { de: '„veröffentlicht“', en: 'published' },
  'to-approve': { de: 'genehmigt', en: 'approved' },
  'to-publish': { de: 'veröffentlicht', en: 'published' },
  'to-withdraw': { de: 'zurückgezogen', en: 'withdrawn' },
  webhook: { de: 'Webhook', en: 'webhook' },
  'webhook-delivery': { de: 'Webhook-Zustellung', en: 'webhook delivery' },
  'newsletter-settings': { de: 'Newsletter-Einstellungen', en: 'newsletter configuration' },
} as const satisfies Record<string, Noun>;
export type NounKey = keyof typeof NOUNS;

/** A thing's name as a parameter. */
export const noun = (key: NounKey): Noun => NOUNS[key];

/** Several things as one parameter: "a or b" / "a oder b". */
export function either(keys: readonly NounKey[]): Noun {
  const join = (language: Language, or: string): string => {
    const words = keys.map((key) => NOUNS[key][language]);
    return words.length > 1 ? `${words.slice(0, -1).join(', ')} ${or} ${words[words.length - 1]}` : words.join('');
  };
  return { de: join('de', 'oder'), en: join('en', 'or') };
}

/** Texts of `detail`. */
export const DETAILS = {
  // Requests as a whole
  invalid_fields: { code: 'invalid_fields', de: 'Die Anfrage enthält ungültige Felder.', en: 'The request has invalid fields.' },
  unknown_references: {
    code: 'invalid_fields',
    de: 'Die Anfrage verweist auf Datensätze, die es in dieser Körperschaft nicht gibt.',
    en: 'The request refers to records that do not exist in this body.',
  },
  upload_fields_invalid: { code: 'invalid_fields', de: 'Der Upload enthält unbekannte, doppelte oder ungültige Formularfelder.', en: 'The upload has unknown, repeated or invalid form fields.' },
  json_malformed: { code: 'invalid_body', de: 'Der Inhalt der Anfrage ist kein gültiges JSON.', en: 'The request body is not valid JSON.' },
  json_empty: { code: 'invalid_body', de: 'Mit Content-Type: application/json darf der Inhalt der Anfrage nicht leer sein.', en: 'A request with Content-Type: application/json needs a body.' },
  json_too_deep: { code: 'invalid_body', de: 'Der JSON-Inhalt der Anfrage verschachtelt Arrays und Objekte tiefer als {max} Ebenen.', en: 'The JSON body nests arrays and objects deeper than {max} levels.' },
  json_not_object: { code: 'invalid_body', de: 'Der JSON-Inhalt der Anfrage muss ein Objekt sein.', en: 'The JSON body must be an object.' },
  body_too_large: { code: 'payload_too_large', de: 'Der Inhalt der Anfrage ist größer, als diese Route annimmt ({limit} Bytes).', en: 'The request body is larger than this route accepts ({limit} bytes).' },
  media_type_unsupported: { code: 'unsupported_media_type', de: 'Diese Route nimmt keinen Inhalt dieses Content-Type an.', en: 'This route does not accept a body of this Content-Type.' },
  multipart_not_accepted: {
    code: 'unsupported_media_type',
    de: 'Diese Route erwartet JSON (Content-Type: application/json), nicht multipart/form-data.',
    en: 'This route takes a JSON body (Content-Type: application/json), not multipart/form-data.',
  },
  route_not_found: { code: 'not_found', de: 'Die Route {method} {path} gibt es nicht.', en: 'There is no route {method} {path}.' },
  request_refused: { code: 'invalid_request', de: 'Die Anfrage konnte so nicht bearbeitet werden.', en: 'The request could not be processed as sent.' },
  internal_error: {
    code: 'internal_error',
    de: 'Ein unerwarteter Fehler ist aufgetreten. Bitte nennen Sie die Request-ID, wenn Sie ihn melden.',
    en: 'An unexpected error occurred. Quote the request id when reporting it.',
  },
  queue_view_key_required: {
    code: 'unauthenticated',
    de: 'Die Warteschlangen-Ansicht braucht einen Admin-Schlüssel: Melden Sie sich mit beliebigem Namen und dem Schlüssel als Passwort an.',
    en: 'The queue view needs an admin key: log in with any user name and the key as password.',
  },
  queue_view_admin_key: {
    code: 'invalid_credentials',
    de: 'Die Warteschlangen-Ansicht braucht einen Admin-Schlüssel; dieser Schlüssel ist unbekannt, widerrufen oder kein Admin-Schlüssel.',
    en: 'The queue view needs an admin key; this key is unknown, revoked or not an admin key.',
  },
  queue_view_same_origin: {
    code: 'forbidden',
    de: 'Änderungen an Warteschlangen werden nur aus der Warteschlangen-Ansicht selbst angenommen.',
    en: 'Changes to queues are accepted from the queue view itself only.',
  },
  database_unavailable: {
    code: 'database_unavailable',
    de: 'Die Datenbank ist im Moment nicht erreichbar. Bitte in {seconds} Sekunden erneut versuchen.',
    en: 'The database is unavailable at the moment. Retry after {seconds} seconds.',
  },
  rate_limited: {
    code: 'rate_limited',
    de: 'Zu viele {what}: höchstens {max} pro Minute. Bitte in {seconds} Sekunden erneut versuchen.',
    en: 'Too many {what}: at most {max} per minute. Retry after {seconds} seconds.',
  },
  // Refused by the HTTP parser or the router
  url_not_encoded: {
    code: 'invalid_request',
    de: 'Die Anfragezeile enthält Zeichen, die prozentkodiert sein müssen: Kodieren Sie Nicht-ASCII-Zeichen (ß als %C3%9F), Leerzeichen und Steuerzeichen in Pfad und Query.',
    en: 'The request line holds characters that must be percent-encoded: encode non-ASCII characters (ß as %C3%9F), spaces and control characters in the path and query.',
  },
  header_character: {
    code: 'invalid_request',
    de: 'Ein Header der Anfrage enthält ein Zeichen, das in Headern nicht stehen darf (ein Steuerzeichen oder einen Zeilenumbruch).',
    en: 'A request header holds a character that headers may not contain (a control character or a line break).',
  },
  headers_too_large: { code: 'headers_too_large', de: 'Anfragezeile und Header sind zu groß (höchstens 16 KB).', en: 'The request line and headers are too large (at most 16 KB).' },
  request_timeout: { code: 'request_timeout', de: 'Die Anfrage ist nicht rechtzeitig angekommen.', en: 'The request did not arrive in time.' },
  not_http: { code: 'invalid_request', de: 'Die Anfrage ist kein gültiges HTTP/1.1.', en: 'The request is not valid HTTP/1.1.' },
  not_http_because: { code: 'invalid_request', de: 'Die Anfrage ist kein gültiges HTTP/1.1 ({reason}).', en: 'The request is not valid HTTP/1.1 ({reason}).' },
  path_not_utf8: { code: 'invalid_request', de: 'Der Pfad enthält eine Prozentkodierung, die kein UTF-8 ist.', en: 'The path holds a percent-encoding that is not UTF-8.' },
  path_segment_too_long: { code: 'uri_too_long', de: 'Ein Pfadsegment ist länger als 200 Zeichen.', en: 'A path segment is longer than 200 characters.' },
  not_routable: { code: 'invalid_request', de: 'Die Anfrage konnte keiner Route zugeordnet werden.', en: 'The request could not be routed.' },
  // Access
  route_closed: { code: 'forbidden', de: 'Diese Route hat keine Zugriffsregel und ist gesperrt.', en: 'This route declares no access and is closed.' },
  account_token_required: {
    code: 'unauthenticated',
    de: 'Diese Route braucht den Token eines App-Kontos: Senden Sie „Authorization: Bearer ra_…“ (POST /v1/me/account legt ein Konto an).',
    en: 'This route needs an app account token: send "Authorization: Bearer ra_…" (POST /v1/me/account creates an account).',
  },
  personal_data_needs_account: {
    code: 'forbidden',
    de: 'API-Schlüssel haben keinen Zugriff auf die persönlichen Daten von App-Konten; diese Route braucht den Token eines App-Kontos.',
    en: 'API keys have no access to the personal data of app accounts; this route needs an app account token.',
  },
  api_key_required: { code: 'unauthenticated', de: 'Diese Route braucht einen API-Schlüssel: Senden Sie „Authorization: Bearer <Schlüssel>“.', en: 'This route needs an API key: send "Authorization: Bearer <key>".' },
  account_token_read_only: {
    code: 'forbidden',
    de: 'Tokens von App-Konten lesen Ratsdaten, ändern sie aber nie; diese Route braucht einen API-Schlüssel.',
    en: 'App account tokens read council data but never change it; this route needs an API key.',
  },
  admin_key_required: { code: 'forbidden', de: 'Diese Route braucht einen Admin-Schlüssel.', en: 'This route needs an admin key.' },
  editor_key_required: { code: 'forbidden', de: 'Diese Route braucht einen Redaktionsschlüssel dieser Körperschaft.', en: 'This route needs an editor key of this body.' },
  authorization_malformed: { code: 'unauthenticated', de: 'Der Authorization-Header muss „Bearer <Schlüssel>“ lauten.', en: 'The Authorization header must be "Bearer <key>".' },
  account_token_unknown: {
    code: 'invalid_credentials',
    de: 'Der Token des App-Kontos ist unbekannt oder widerrufen, oder das Konto wurde gelöscht.',
    en: 'The app account token is unknown or revoked, or its account was deleted.',
  },
  api_key_unknown: { code: 'invalid_credentials', de: 'Der API-Schlüssel ist unbekannt oder widerrufen.', en: 'The API key is unknown or revoked.' },
  account_deleted: { code: 'invalid_credentials', de: 'Das Konto wurde gelöscht.', en: 'The account was deleted.' },
  // Resources
  not_found: { code: 'not_found', de: '{what} {id} nicht gefunden', en: '{what} {id} not found' },
  deleted: { code: 'gone', de: '{what} {id} wurde gelöscht.', en: '{what} {id} was deleted.' },
  no_longer_available: { code: 'gone', de: '{what} {id} ist nicht mehr verfügbar: gelöscht oder zurückgezogen.', en: '{what} {id} is no longer available: it was deleted or withdrawn.' },
  id_taken: {
    code: 'conflict',
    de: 'Die ID {id} gehört bereits zu einem Eintrag ({what}) mit anderem Inhalt; wählen Sie eine andere ID oder ändern Sie den Eintrag mit PATCH.',
    en: 'A {what} with id {id} exists with other content; choose another id, or change it with PATCH.',
  },
  slug_taken: { code: 'conflict', de: 'Eine Körperschaft mit dem Kürzel „{slug}“ gibt es bereits.', en: 'A body with the slug "{slug}" exists already.' },
  minutes_state: {
    code: 'conflict',
    de: 'Diese Niederschrift hat den Status {status}; nur Niederschriften im Status {from} können {verb} werden.',
    en: 'These minutes are {status}; only {from} minutes can be {verb}.',
  },
  // Writes of app accounts
  idempotency_key_reused: {
    code: 'idempotency_key_reused',
    de: 'Dieser Idempotency-Key wurde in den letzten 24 Stunden für eine andere Anfrage verwendet; nehmen Sie für eine neue Anfrage einen neuen Schlüssel.',
    en: 'This Idempotency-Key was used for another request within the last 24 hours; use a new key for a new request.',
  },
  if_match_required: {
    code: 'precondition_required',
    de: 'Senden Sie If-Match mit dem ETag ("<Version>") der Version, die Sie geändert haben, oder If-Match: *, um den gespeicherten Stand zu überschreiben.',
    en: 'Send If-Match with the ETag ("<version>") of the version you changed, or If-Match: * to overwrite whatever is stored.',
  },
  if_match_malformed: {
    code: 'invalid_request',
    de: 'If-Match muss * oder eine Liste von ETags in doppelten Anführungszeichen sein, etwa If-Match: "3".',
    en: 'If-Match must be * or a list of ETags in double quotes, such as If-Match: "3".',
  },
  record_changed: {
    code: 'precondition_failed',
    de: 'Der Eintrag ({what}) wurde geändert, seit Sie ihn gelesen haben, und hat jetzt Version {version}. Lesen Sie ihn neu, übertragen Sie Ihre Änderung auf den jetzigen Stand und senden Sie sie mit If-Match: "{version}".',
    en: 'The {what} has changed since you read it: it is at version {version}. Read it again, apply your change to what it holds now and send it with If-Match: "{version}".',
  },
  item_changed: {
    code: 'precondition_failed',
    de: 'Der Eintrag wurde inzwischen geändert und hat jetzt Version {version}. Führen Sie Ihre Änderung mit „current“ zusammen und senden Sie sie erneut mit If-Match: "{version}".',
    en: 'The item has changed: it is at version {version}. Merge your change into "current" and send it again with If-Match: "{version}".',
  },
  items_quota: { code: 'quota_exceeded', de: 'Dieses Konto hat bereits die höchste erlaubte Zahl an {what} ({max}); löschen Sie zuerst welche.', en: 'This account holds the most {what} it may ({max}); delete some first.' },
  devices_quota: { code: 'quota_exceeded', de: 'Dieses Konto hat bereits die höchste erlaubte Zahl an Geräten ({max}); widerrufen Sie zuerst einen Token.', en: 'This account has the most devices it may ({max}); revoke a token first.' },
  sync_cursor_expired: {
    code: 'gone',
    de: 'Löschungen vor dieser Sync-Position werden nicht mehr aufbewahrt (ME_TOMBSTONE_DAYS). Synchronisieren Sie erneut von vorn, ohne Cursor.',
    en: 'Deletions before this sync position are no longer kept (ME_TOMBSTONE_DAYS). Sync again from the start, without a cursor.',
  },
  accounts_rate_limited: { code: 'rate_limited', de: 'Zu viele neue Konten von diesem Client. Bitte später erneut versuchen.', en: 'Too many accounts created from this client. Try again later.' },
  pairing_rate_limited: { code: 'rate_limited', de: 'Zu viele Kopplungsversuche von diesem Client. Bitte später erneut versuchen.', en: 'Too many pairing attempts from this client. Try again later.' },
  account_writes_limited: {
    code: 'rate_limited',
    de: 'Zu viele Änderungen: höchstens {max} pro Minute und Konto. Bitte in {seconds} s erneut versuchen.',
    en: 'Too many changes: at most {max} a minute per account. Retry after {seconds} s.',
  },
  only_token: {
    code: 'conflict',
    de: 'Das ist der einzige Token dieses Kontos: Ihn zu widerrufen würde die Daten unerreichbar machen. Koppeln Sie zuerst ein weiteres Gerät oder löschen Sie das Konto (DELETE /v1/me/account).',
    en: "This is the account's only token: revoking it would lock the data away. Pair another device first, or delete the account (DELETE /v1/me/account).",
  },
  pairing_code_invalid: {
    code: 'gone',
    de: 'Dieser Kopplungscode ist unbekannt, schon benutzt oder abgelaufen. Lassen Sie sich auf dem anderen Gerät einen neuen Code anzeigen.',
    en: 'This pairing code is unknown, used or expired. Show a new code on the other device.',
  },
  accounts_not_configured: { code: 'not_configured', de: 'App-Konten sind auf diesem Server nicht eingerichtet (ME_KEYS).', en: 'App accounts are not configured on this server (ME_KEYS).' },
  // Search
  search_unavailable: { code: 'search_unavailable', de: 'Die Suche ist gerade nicht verfügbar; bitte gleich erneut versuchen.', en: 'Search is unavailable for a moment; please retry.' },
  // Files
  file_too_large: { code: 'payload_too_large', de: 'Die Datei ist größer als die Grenze von {max} Bytes.', en: 'The file is larger than the limit of {max} bytes.' },
  file_type_refused: { code: 'unsupported_media_type', de: 'Dateien vom Typ {type} werden nicht angenommen.', en: 'Files of type {type} are not accepted.' },
  file_type_unknown: { code: 'unsupported_media_type', de: 'Der Typ dieser Datei wurde nicht erkannt; sie wird nicht angenommen.', en: 'The type of this file was not recognised; it is not accepted.' },
  upload_incomplete: { code: 'invalid_body', de: 'Der Upload endete, bevor die Datei vollständig war.', en: 'The upload ended before the file was complete.' },
  file_bytes_unavailable: { code: 'not_found', de: 'Der Inhalt der Datei {id} ist nicht verfügbar.', en: 'The bytes of file {id} are not available.' },
  range_outside: { code: 'range_not_satisfiable', de: 'Die Datei hat {size} Bytes; der angefragte Bereich liegt außerhalb.', en: 'The file has {size} bytes; the requested range lies outside them.' },
  no_export_yet: { code: 'not_found', de: 'Von {body} wurde noch kein Export erstellt.', en: 'No export of {body} has been built yet.' },
  export_bytes_missing: { code: 'internal_error', de: 'Das Archiv dieses Exports fehlt im Speicher.', en: 'The archive of this export is missing from storage.' },
  file_bytes_missing: { code: 'internal_error', de: 'Der Inhalt dieser Datei fehlt im Speicher.', en: 'The bytes of this file are missing from storage.' },
  multipart_required: { code: 'unsupported_media_type', de: 'Senden Sie die Datei als multipart/form-data.', en: 'Send the file as multipart/form-data.' },
  one_file_per_upload: { code: 'payload_too_large', de: 'Senden Sie eine Datei pro Upload.', en: 'Send one file per upload.' },
  too_many_form_fields: { code: 'payload_too_large', de: 'Der Upload hat zu viele Formularfelder.', en: 'The upload has too many form fields.' },
  upload_refused: { code: 'invalid_body', de: 'Der Upload wurde abgelehnt ({reason}).', en: 'The upload was refused ({reason}).' },
  multipart_malformed: { code: 'invalid_body', de: 'Der multipart-Inhalt ist fehlerhaft ({reason}).', en: 'The multipart body is malformed ({reason}).' },
  // Newsletter
  newsletter_rate_limited: { code: 'rate_limited', de: 'Zu viele Anmeldungen von diesem Client. Bitte später erneut versuchen.', en: 'Too many subscription requests from this client. Try again later.' },
  confirmation_invalid: {
    code: 'gone',
    de: 'Dieser Bestätigungslink ist ungültig, wurde schon benutzt oder ist abgelaufen. Melden Sie sich erneut an, um einen neuen zu erhalten.',
    en: 'This confirmation link is invalid, was already used or has expired. Subscribe again to get a new one.',
  },
  subscription_inactive: { code: 'conflict', de: 'Dieses Abonnement ist nicht aktiv; melden Sie sich erneut an, um es zu ändern.', en: 'This subscription is not active; subscribe again to change it.' },
  newsletter_token_missing: {
    code: 'unauthenticated',
    de: 'Senden Sie den Token aus einer Newsletter-Mail im Header X-Newsletter-Token.',
    en: 'Send the token from a newsletter mail in the X-Newsletter-Token header.',
  },
  newsletter_token_unknown: {
    code: 'invalid_credentials',
    de: 'Der Newsletter-Token ist unbekannt; das Abonnement wurde vielleicht gelöscht.',
    en: 'The newsletter token is unknown; the subscription may have been deleted.',
  },
  manage_link_expired: {
    code: 'gone',
    de: 'Dieser Verwaltungslink ist abgelaufen oder wurde durch einen neueren ersetzt. Nutzen Sie den Link aus Ihrer neuesten Newsletter-Mail, oder melden Sie sich mit derselben Adresse erneut an: Mit der Bestätigung erhalten Sie einen neuen Link.',
    en: 'This manage link has expired or was replaced by a newer one. Use the link in your latest newsletter mail, or subscribe again with the same address: confirming that mail gives you a new link.',
  },
  unsubscribe_token_only: {
    code: 'forbidden',
    de: 'Dieser Token stammt aus einem Abmeldelink: Er kann nur abmelden. Nutzen Sie den Verwaltungslink Ihrer neuesten Newsletter-Mail.',
    en: 'This token comes from an unsubscribe link: it can only unsubscribe. Use the manage link of your latest newsletter mail.',
  },
  newsletter_not_configured: { code: 'not_configured', de: 'Der Newsletter ist auf diesem Server nicht eingerichtet.', en: 'The newsletter is not configured on this server.' },
  webhooks_not_configured: { code: 'not_configured', de: 'Webhooks sind auf diesem Server nicht eingerichtet (WEBHOOK_KEYS).', en: 'Webhooks are not configured on this server (WEBHOOK_KEYS).' },
  // OParl (rendered as OParl Error objects, in German)
  oparl_not_found: { code: 'not_found', de: 'Das angeforderte Objekt gibt es nicht.', en: 'The requested object does not exist.' },
  oparl_parameter_encoding: { code: 'invalid_request', de: 'Der Parameter „{name}“ ist nicht korrekt URL-kodiert.', en: 'The parameter "{name}" is not correctly URL-encoded.' },
  oparl_parameter_time: {
    code: 'invalid_request',
    de: 'Der Parameter „{name}“ muss ein Zeitpunkt wie 2025-01-01T00:00:00+01:00 sein.',
    en: 'The parameter "{name}" must be a point in time such as 2025-01-01T00:00:00+01:00.',
  },
  oparl_omit_internal: { code: 'invalid_request', de: 'Der Parameter „omit_internal“ muss true oder false sein.', en: 'The parameter "omit_internal" must be true or false.' },
  oparl_limit: { code: 'invalid_request', de: 'Der Parameter „limit“ muss eine ganze Zahl zwischen 1 und {max} sein.', en: 'The parameter "limit" must be an integer between 1 and {max}.' },
  oparl_cursor: {
    code: 'invalid_request',
    de: 'Der Parameter „cursor“ stammt nicht von dieser Schnittstelle; bitte ohne ihn neu beginnen.',
    en: 'The parameter "cursor" was not issued by this API; start again without it.',
  },
} as const satisfies Record<string, Text<ProblemCode>>;
export type DetailKey = keyof typeof DETAILS;

/** Texts of `errors[].message`; `{field}` is the field's name. */
export const FIELD_TEXTS = {
  // Constraints of class-validator, by the name of the constraint
  required: { code: 'required', de: '{field} fehlt', en: '{field} is required' },
  unknown_field: { code: 'unknown_field', de: '{field} ist kein bekanntes Feld', en: 'property {field} should not exist' },
  unknown_value: { code: 'invalid_value', de: 'Die Anfrage enthält einen unerwarteten Wert', en: 'the request holds an unexpected value' },
  not_a_string: { code: 'not_a_string', de: '{field} muss Text sein', en: '{field} must be a string' },
  too_short: { code: 'too_short', de: '{field} muss mindestens {min} Zeichen lang sein', en: '{field} must be longer than or equal to {min} characters' },
  too_long: { code: 'too_long', de: '{field} darf höchstens {max} Zeichen lang sein', en: '{field} must be shorter than or equal to {max} characters' },
  too_few: { code: 'too_few', de: '{field} muss mindestens {min} Einträge enthalten', en: '{field} must contain at least {min} elements' },
  too_many: { code: 'too_many', de: '{field} darf höchstens {max} Einträge enthalten', en: '{field} must contain no more than {max} elements' },
  not_an_array: { code: 'not_an_array', de: '{field} muss eine Liste sein', en: '{field} must be an array' },
  not_an_object: { code: 'not_an_object', de: '{field} muss ein Objekt sein', en: '{field} must be an object' },
  not_a_uuid: { code: 'not_a_uuid', de: '{field} muss eine UUID sein', en: '{field} must be a UUID' },
  not_an_integer: { code: 'not_an_integer', de: '{field} muss eine ganze Zahl sein', en: '{field} must be an integer number' },
  too_small: { code: 'out_of_range', de: '{field} darf nicht kleiner als {min} sein', en: '{field} must not be less than {min}' },
  too_large: { code: 'out_of_range', de: '{field} darf nicht größer als {max} sein', en: '{field} must not be greater than {max}' },
  not_a_boolean: { code: 'not_a_boolean', de: '{field} muss true oder false sein', en: '{field} must be true or false' },
  not_one_of: { code: 'not_one_of', de: '{field} muss einer dieser Werte sein: {values}', en: '{field} must be one of: {values}' },
  not_an_email: { code: 'not_an_email', de: '{field} muss eine E-Mail-Adresse sein', en: '{field} must be an e-mail address' },
  not_emails: { code: 'not_an_email', de: 'Jeder Wert in {field} muss eine E-Mail-Adresse sein', en: 'each value in {field} must be an e-mail address' },
  not_a_date: { code: 'not_a_date', de: '{field} muss ein Datum nach ISO 8601 sein', en: '{field} must be a valid ISO 8601 date string' },
  invalid_format: { code: 'invalid_format', de: '{field} hat kein gültiges Format', en: '{field} has an invalid format' },
  invalid_value: { code: 'invalid_value', de: '{field} ist ungültig', en: '{field} is invalid' },
  if_match_syntax: { code: 'invalid_format', de: 'If-Match muss * oder eine Liste von ETags in Anführungszeichen sein', en: 'If-Match must be * or a list of quoted ETags' },
  // Dates and times
  date_time_with_offset: {
    code: 'not_a_date',
    de: '{field} muss ein Zeitpunkt nach ISO 8601 mit Zeitzone sein',
    en: '{field} must be an ISO 8601 date-time with offset',
  },
  offset_missing: { code: 'not_a_date', de: '{field} muss eine Zeitzone angeben', en: '{field} must carry a time zone offset' },
  date_format: { code: 'not_a_date', de: '{field} muss ein Datum der Form JJJJ-MM-TT sein', en: '{field} must be a date (YYYY-MM-DD)' },
  date_invalid: { code: 'not_a_date', de: '{field} muss ein gültiges Datum sein', en: '{field} must be a valid date' },
  date_or_date_time: {
    code: 'not_a_date',
    de: '{field} muss ein Datum (JJJJ-MM-TT) oder ein Zeitpunkt mit Zeitzone sein',
    en: '{field} must be a date (YYYY-MM-DD) or a date-time with offset',
  },
  before_start: { code: 'before_start', de: '{field} darf nicht vor {start} liegen', en: '{field} must not be before {start}' },
  // Formats
  body_slug: { code: 'invalid_format', de: '{field} muss das Kürzel einer Körperschaft sein', en: '{field} must be the slug of a body' },
  body_slug_list: {
    code: 'invalid_format',
    de: '{field} muss eine kommagetrennte Liste von höchstens 20 Kürzeln von Körperschaften sein',
    en: '{field} must be a comma-separated list of up to 20 body slugs',
  },
  slug_chars: {
    code: 'invalid_format',
    de: '{field} muss aus 1 bis 63 Kleinbuchstaben, Ziffern oder Bindestrichen bestehen und darf nicht mit einem Bindestrich beginnen',
    en: '{field} must be 1 to 63 lower-case letters, digits or hyphens, not starting with a hyphen',
  },
  feed_position: { code: 'invalid_format', de: '{field} muss eine Feed-Position sein (Ziffern)', en: '{field} must be a feed position (digits)' },
  list_of: { code: 'invalid_format', de: '{field} muss eine kommagetrennte Liste dieser Werte sein: {values}', en: '{field} must be a comma-separated list of: {values}' },
  none_or_list_of: {
    code: 'invalid_format',
    de: '{field} muss „none“ oder eine kommagetrennte Liste dieser Werte sein: {values}',
    en: '{field} must be "none" or a comma-separated list of: {values}',
  },
  mime_type: { code: 'invalid_format', de: '{field} muss ein MIME-Typ wie application/pdf sein', en: '{field} must be a MIME type such as application/pdf' },
  http_url: { code: 'invalid_format', de: '{field} muss eine http(s)-URL sein', en: '{field} must be an http(s) URL' },
  url_with_placeholder: { code: 'invalid_format', de: '{field} muss eine http(s)-URL mit {placeholder} sein', en: '{field} must be an http(s) URL containing {placeholder}' },
  pairing_code: {
    code: 'invalid_format',
    de: '{field} muss der Code sein, den das andere Gerät anzeigt, z. B. 7KQ2X-M49PT',
    en: '{field} must be the code shown on the other device, e.g. 7KQ2X-M49PT',
  },
  municipality_key: { code: 'invalid_format', de: '{field} muss der achtstellige Amtliche Gemeindeschlüssel sein', en: '{field} must be the 8-digit Amtlicher Gemeindeschlüssel' },
  regional_key: { code: 'invalid_format', de: '{field} muss der zwölfstellige Regionalschlüssel sein', en: '{field} must be the 12-digit Regionalschlüssel' },
  sender_name: {
    code: 'invalid_format',
    de: '{field} muss ein kurzer Name ohne Anführungszeichen und spitze Klammern sein',
    en: '{field} must be a short name without quotes or angle brackets',
  },
  document_reference: {
    code: 'invalid_format',
    de: '{field} darf 1 bis 50 Buchstaben, Ziffern, Leerzeichen und die Zeichen _ . / - enthalten',
    en: '{field} may hold 1 to 50 letters, digits, spaces and the characters _ . / -',
  },
  phone_numbers: {
    code: 'invalid_format',
    de: 'Jeder Wert in {field} muss eine Telefonnummer sein (Ziffern, Leerzeichen, + ( ) / -)',
    en: 'each value in {field} must be a phone number (digits, spaces, + ( ) / -)',
  },
  newsletter_token: { code: 'invalid_format', de: '{field} muss ein Token aus einer Newsletter-Mail sein', en: '{field} must be a token from a newsletter mail' },
  idempotency_key: { code: 'invalid_format', de: '{field} muss aus 1 bis 255 sichtbaren ASCII-Zeichen bestehen', en: '{field} must be 1 to 255 visible ASCII characters' },
  // Text
  control_characters: { code: 'invalid_text', de: '{field} darf keine Steuerzeichen enthalten (gefunden: {char})', en: '{field} must not contain control characters (found {char})' },
  control_characters_multiline: {
    code: 'invalid_text',
    de: '{field} darf außer Tabulator und Zeilenumbrüchen keine Steuerzeichen enthalten (gefunden: {char})',
    en: '{field} must not contain control characters other than tab and line breaks (found {char})',
  },
  lone_surrogate: {
    code: 'invalid_text',
    de: '{field} muss wohlgeformter Unicode-Text sein (er enthält ein einzelnes Surrogat)',
    en: '{field} must be well-formed Unicode text (it holds a lone surrogate)',
  },
  name_control_characters: {
    code: 'invalid_text',
    de: '{field} hat einen Feldnamen mit Steuerzeichen (gefunden: {char})',
    en: '{field} has a field name that must not contain control characters (found {char})',
  },
  name_lone_surrogate: { code: 'invalid_text', de: '{field} hat einen Feldnamen, der kein wohlgeformter Unicode-Text ist', en: '{field} has a field name that is not well-formed Unicode text' },
  name_not_allowed: { code: 'forbidden_name', de: '{field} hat einen unzulässigen Feldnamen ({name})', en: '{field} has a field name that is not allowed ({name})' },
  not_text: { code: 'not_a_string', de: '{field} muss Text sein', en: '{field} must be text' },
  not_visible: { code: 'invalid_value', de: '{field} muss sichtbare Zeichen enthalten', en: '{field} must hold visible characters' },
  not_percent_encoded: { code: 'bad_encoding', de: '{field} ist nicht als UTF-8 prozentkodiert', en: '{field} is not percent-encoded UTF-8' },
  // GeoJSON
  geojson_not_feature: { code: 'not_an_object', de: '{field} muss ein GeoJSON-Feature-Objekt sein', en: '{field} must be a GeoJSON Feature object' },
  geojson_unknown_members: {
    code: 'unknown_field',
    de: '{field} hat unbekannte Elemente: {names} (erlaubt: type, geometry, properties, id)',
    en: '{field} has unknown members: {names} (allowed: type, geometry, properties, id)',
  },
  geojson_type: { code: 'invalid_value', de: '{field} muss den type „Feature“ haben', en: '{field} must have type "Feature"' },
  geojson_id: { code: 'invalid_value', de: 'id in {field} muss ein Text oder eine Zahl sein', en: '{field} id must be a string or a number' },
  geojson_properties: { code: 'not_an_object', de: 'properties in {field} muss ein Objekt oder null sein', en: '{field} properties must be an object or null' },
  geojson_properties_size: { code: 'too_long', de: 'properties in {field} darf höchstens {max} Bytes groß sein', en: '{field} properties must not exceed {max} bytes' },
  geojson_geometry: { code: 'not_an_object', de: 'geometry in {field} muss ein Objekt sein', en: '{field} geometry must be an object' },
  geojson_geometry_members: { code: 'unknown_field', de: 'geometry in {field} darf nur type und coordinates haben', en: '{field} geometry may only have type and coordinates' },
  geojson_point: { code: 'invalid_value', de: 'geometry in {field} muss den type „Point“ haben', en: '{field} geometry must have type "Point"' },
  geojson_coordinates: { code: 'invalid_value', de: 'geometry.coordinates in {field} muss [lon, lat] sein (zwei Zahlen)', en: '{field} geometry.coordinates must be [lon, lat] (two numbers)' },
  geojson_longitude: {
    code: 'out_of_range',
    de: 'geometry.coordinates[0] (Längengrad) in {field} muss zwischen -180 und 180 liegen',
    en: '{field} geometry.coordinates[0] (longitude) must be between -180 and 180',
  },
  geojson_latitude: {
    code: 'out_of_range',
    de: 'geometry.coordinates[1] (Breitengrad) in {field} muss zwischen -90 und 90 liegen',
    en: '{field} geometry.coordinates[1] (latitude) must be between -90 and 90',
  },
  // URL templates of a body's website
  templates_not_object: { code: 'not_an_object', de: '{field} muss ein Objekt aus URL-Vorlagen sein', en: '{field} must be an object of URL templates' },
  templates_unknown_key: { code: 'unknown_field', de: '{field} hat einen unbekannten Schlüssel „{key}“ (erlaubt: {allowed})', en: '{field} has an unknown key "{key}" (allowed: {allowed})' },
  template_not_string: { code: 'not_a_string', de: '{key} in {field} muss Text sein', en: '{field} {key} must be a string' },
  template_too_long: { code: 'too_long', de: '{key} in {field} darf höchstens {max} Zeichen lang sein', en: '{field} {key} must not be longer than {max} characters' },
  template_without_id: { code: 'invalid_format', de: '{key} in {field} muss den Platzhalter {placeholder} enthalten', en: '{field} {key} must contain the placeholder {placeholder}' },
  template_other_placeholder: {
    code: 'invalid_format',
    de: '{key} in {field} darf keinen anderen Platzhalter als {placeholder} und keine Leerzeichen enthalten',
    en: '{field} {key} may contain no placeholder other than {placeholder} and no spaces',
  },
  template_not_url: { code: 'invalid_format', de: '{key} in {field} muss eine absolute http(s)-URL sein', en: '{field} {key} must be an absolute http(s) URL' },
  // Webhooks
  webhook_url_scheme: { code: 'invalid_format', de: '{field} muss eine https-Adresse sein (http nur, wenn WEBHOOK_ALLOW_HTTP es erlaubt)', en: '{field} must be an https URL (http only when WEBHOOK_ALLOW_HTTP allows it)' },
  webhook_url_private: {
    code: 'invalid_value',
    de: '{field} zeigt auf eine nicht öffentliche Adresse ({range}); solche Ziele erlaubt WEBHOOK_ALLOW_PRIVATE_NETWORKS',
    en: '{field} points to an address that is not public ({range}); WEBHOOK_ALLOW_PRIVATE_NETWORKS allows such targets',
  },
  webhook_event_type: {
    code: 'invalid_value',
    de: '{field} muss „*“, „<Ressource>.*“ oder „<Ressource>.<Aktion>“ sein (Aktionen: created, updated, deleted, published, unpublished)',
    en: '{field} must be "*", "<resource>.*" or "<resource>.<action>" (actions: created, updated, deleted, published, unpublished)',
  },
  webhook_audience: { code: 'not_applicable', de: '{field} geht über das hinaus, was der API-Schlüssel sehen darf', en: '{field} exceeds what the API key may see' },
  // Checks of the services
  unknown_reference: { code: 'unknown_reference', de: '{field} verweist auf keinen Datensatz vom Typ „{kind}“ in dieser Körperschaft', en: '{field} does not name a {kind} of this body' },
  not_visible_reference: { code: 'unknown_reference', de: '{field} verweist auf keinen für Sie sichtbaren Datensatz vom Typ „{kind}“', en: '{field} does not name a {kind} you can see' },
  unknown_body: { code: 'unknown_reference', de: 'Die Körperschaft „{slug}“ gibt es nicht', en: 'body "{slug}" does not exist' },
  unknown_bodies: { code: 'unknown_reference', de: 'Unbekannte Körperschaft: {slugs}', en: 'unknown body: {slugs}' },
  not_a_committee: { code: 'unknown_reference', de: '{id} ist kein Gremium dieser Körperschaft', en: '{id} is not a committee of this body' },
  agenda_item_elsewhere: {
    code: 'inconsistent',
    de: 'Der Tagesordnungspunkt gehört zu einer anderen Sitzung als sessionId',
    en: 'the agenda item belongs to another session than sessionId',
  },
  cursor_invalid: { code: 'invalid_cursor', de: '{field} stammt nicht von dieser API; beginnen Sie ohne ihn neu', en: '{field} is not one this API issued; start again without it' },
  search_word_missing: {
    code: 'invalid_value',
    de: '{field} muss ein Wort aus mindestens zwei Buchstaben oder Ziffern enthalten',
    en: '{field} must hold a word of at least two letters or digits',
  },
  needs: { code: 'requires_other', de: '{field} braucht {other}', en: '{field} needs {other}' },
  files_only: { code: 'not_applicable', de: '{field} gibt es nur für Dateien', en: '{field} is for files only' },
  file_notes_only: { code: 'not_applicable', de: '{field} gibt es nur für Notizen zu Dateien', en: '{field} is for notes on files only' },
  target_or_keyword: {
    code: 'inconsistent',
    de: 'Folgen Sie entweder einem Ziel oder einem Stichwort (mit Körperschaft), nicht beidem',
    en: 'follow either a target or a keyword (with body), not both',
  },
  keyword_needed: { code: 'required', de: 'Geben Sie ein Ziel an oder ein Stichwort aus mindestens zwei Zeichen', en: 'give a target, or a keyword of at least two characters' },
  keyword_needs_body: { code: 'required', de: 'Ein Stichwort gilt in einer Körperschaft: Geben Sie deren Kürzel an', en: 'a keyword is followed in one body: give its slug' },
  one_file_owner: {
    code: 'inconsistent',
    de: 'Eine Datei gehört zu höchstens einem von documentId, agendaItemId und sessionId',
    en: 'a file belongs to at most one of documentId, agendaItemId and sessionId',
  },
  fields_before_file: { code: 'misplaced', de: 'Die Felder müssen vor dem Dateiteil kommen', en: 'fields must come before the file part' },
  unknown_form_field: { code: 'unknown_field', de: 'Unbekanntes Formularfeld {field}', en: 'unknown form field {field}' },
  unknown_form_field_file: { code: 'unknown_field', de: 'Unbekanntes Formularfeld {field}; die Datei gehört in „file“', en: 'unknown form field {field}; the file goes in "file"' },
  sent_twice: { code: 'duplicate', de: '{field} wurde mehrfach gesendet', en: '{field} was sent more than once' },
  too_long_or_not_text: { code: 'too_long', de: '{field} ist zu lang oder kein Text', en: '{field} is too long or not text' },
  file_part_required: { code: 'required', de: 'Ein Dateiteil namens „file“ ist nötig, nach den übrigen Feldern', en: 'a file part named "file" is required, after the other fields' },
  committee_cycle: { code: 'cycle', de: '{field} darf weder das Gremium selbst noch eines darunter sein', en: '{field} must not be the committee itself or one below it' },
  document_cycle: { code: 'cycle', de: '{field} würde die Vorlage sich selbst überordnen', en: '{field} would make the document its own ancestor' },
  related_to_itself: { code: 'cycle', de: 'Eine Vorlage kann nicht mit sich selbst verknüpft sein', en: 'a document cannot be related to itself' },
  taken: { code: 'taken', de: '{field} ist bereits vergeben', en: '{field} is taken' },
  not_null: { code: 'required', de: '{field} darf nicht null sein', en: '{field} must not be null' },
  topics_empty: {
    code: 'required',
    de: '{field} muss mindestens ein Gremium, eine Vorlagenart oder ein Stichwort (ab zwei Buchstaben) nennen oder all setzen',
    en: '{field} must name at least one committee, document type or keyword (of two or more letters), or set all',
  },
} as const satisfies Record<string, Text<FieldCode>>;
export type FieldKey = keyof typeof FIELD_TEXTS;

/** `template` with its placeholders filled in; a noun that opens the text starts upper-case. */
export function fill(template: string, params: Params, language: Language): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string, offset: number) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value !== 'object') return String(value);
    const word = value[language];
    return offset === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word;
  });
}

/**
 * A class-validator message that names a field text: class-validator keeps messages as
 * strings, so the text's id and parameters travel as one (`fieldErrors` reads them back).
 */
export function validatorMessage(text: FieldKey, params?: Params): string {
  return params ? `${text} ${JSON.stringify(params)}` : text;
}

/** The field text a message of validatorMessage names, or null for any other message. */
export function validatorText(message: string): { text: FieldKey; params?: Params } | null {
  const space = message.indexOf(' ');
  const text = space < 0 ? message : message.slice(0, space);
  if (!Object.hasOwn(FIELD_TEXTS, text)) return null;
  if (space < 0) return { text: text as FieldKey };
  try {
    return { text: text as FieldKey, params: JSON.parse(message.slice(space + 1)) as Params };
  } catch {
    return null;
  }
}
