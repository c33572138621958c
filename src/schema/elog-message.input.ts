import { Field, InputType, Int } from 'type-graphql';

/** One attachment, inline as base64. */
@InputType({
  description:
    'An attachment sent inline as base64. Chosen over GraphQL multipart uploads: every client jobgraph serves (the offline playground, Python notebooks posting JSON, codegen clients) can send it without an upload library or CSRF-exempt multipart requests, and eLog files are capped at 6 MiB (about 8 MiB as base64).',
})
export class ElogAttachmentInput {
  @Field(() => String, { description: 'File name: a basename without `/`, `"`, `\\\\`, CR or LF.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'MIME type; by extension, else `application/octet-stream`, when absent.',
  })
  contentType?: string;

  @Field(() => String, { description: 'File content, base64 (standard alphabet, padding optional).' })
  base64!: string;
}

/** What `postElogMessage` posts. */
@InputType({
  description:
    'A new eLog entry. Sent once, never retried: a timeout means it may or may not have been stored (see `extensions.maybeStored`, `extensions.sentAt`).',
})
export class ElogMessageInput {
  @Field(() => String)
  experiment!: string;

  @Field(() => String, { description: 'Entry text; must not be blank.' })
  text!: string;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => [String], { nullable: true, description: 'Tags, each without whitespace (the server splits on it).' })
  tags?: string[];

  @Field(() => Int, { nullable: true, description: 'Run to link the entry to; must exist.' })
  run?: number;

  @Field(() => [ElogAttachmentInput], {
    nullable: true,
    description:
      'Files, at most 6 MiB each (JOBGRAPH_ELOG_MAX_ATTACHMENT_BYTES); the whole request, base64 included, must fit JOBGRAPH_BODY_LIMIT_BYTES.',
  })
  attachments?: ElogAttachmentInput[];
}
