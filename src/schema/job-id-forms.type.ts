import { Field, ObjectType } from 'type-graphql';

/** Every RFC 19 spelling of one job id (for scripts that need `flux job` arguments or KVS paths). */
@ObjectType({ description: 'Every RFC 19 form of a job id.' })
export class JobIdForms {
  @Field(() => String, { description: 'Decimal, e.g. "9007199254740993" (a string: ids exceed 2^53).' })
  dec!: string;

  @Field(() => String, { description: 'Hexadecimal with 0x, e.g. "0x20000000000001".' })
  hex!: string;

  @Field(() => String, { description: 'Dotted hex, e.g. "0020.0000.0000.0001".' })
  dothex!: string;

  @Field(() => String, { description: 'KVS directory, e.g. "job.0020.0000.0000.0001".' })
  kvs!: string;

  @Field(() => String, { description: 'Mnemonic words, e.g. "acrobat-academy-academy--unique-brave-academy".' })
  words!: string;

  @Field(() => String, { description: 'FLUID base58 with ƒ, e.g. "ƒ2DLNrMSKui".' })
  f58!: string;
}
