import { lookup as mimeByName } from 'mime-types';
import { JobgraphError } from '../../errors';
import type { ElogAttachmentInput, ElogPostInput } from './elog-types';

/** explgbk's `MAX_ATTACHMENT_SIZE` default (server: context.py): 6 MiB per file. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 6_291_456;

function refuse(message: string, details: Record<string, string | number> = {}): never {
  throw new JobgraphError('BAD_USER_INPUT', message, { backend: 'elog', details: { maybeStored: false, ...details } });
}

/** The type the part is sent with: the caller's, else by extension, else `application/octet-stream`. */
export function attachmentType(file: ElogAttachmentInput): string {
  if (file.type && file.type.trim() !== '') return file.type;
  return mimeByName(file.name) || 'application/octet-stream';
}

/**
 * Checks a post before anything is sent (§3.7): non-blank text; tags without whitespace; a
 * basename for each file (the server cuts at `/`); files within the size limit (the server
 * would answer `We limit the size of attachments to 6.0 M` and store nothing).
 */
export function validatePost(input: ElogPostInput, maxAttachmentBytes: number): void {
  if (input.text.trim() === '') refuse('Cannot post empty message: text is blank');
  for (const tag of input.tags ?? []) {
    if (tag === '' || /\s/.test(tag))
      refuse(`eLog tags are split on whitespace; tag ${JSON.stringify(tag)} is empty or contains whitespace`, { tag });
  }
  if (input.run !== undefined && (!Number.isInteger(input.run) || input.run < 0))
    refuse(`run must be a non-negative integer, got ${input.run}`);
  for (const file of input.attachments ?? []) {
    if (file.name === '' || /[/"\r\n\\]/.test(file.name)) {
      refuse(`attachment name must be a non-empty basename without / " \\ CR or LF, got ${JSON.stringify(file.name)}`, {
        name: file.name,
      });
    }
    if (file.data.byteLength > maxAttachmentBytes) {
      refuse(
        `attachment ${file.name} is ${file.data.byteLength} bytes, over the eLog limit of ${maxAttachmentBytes} bytes`,
        {
          name: file.name,
          size: file.data.byteLength,
          limit: maxAttachmentBytes,
        },
      );
    }
  }
}

/**
 * The form explgbk's `new_elog_entry` reads: urlencoded without files, multipart with one part
 * named `files` per attachment (filename and type always set). Threads, mail and cross-post
 * fields are never sent.
 */
export function postBody(input: ElogPostInput): FormData | URLSearchParams {
  const fields: [string, string][] = [['log_text', input.text]];
  if (input.title !== undefined && input.title !== '') fields.push(['log_title', input.title]);
  if (input.tags && input.tags.length > 0) fields.push(['log_tags', input.tags.join(' ')]);
  if (input.run !== undefined) fields.push(['run_num', String(input.run)]);
  const files = input.attachments ?? [];
  if (files.length === 0) return new URLSearchParams(fields);
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  for (const file of files) {
    form.append('files', new Blob([new Uint8Array(file.data)], { type: attachmentType(file) }), file.name);
  }
  return form;
}
