import { execute, parse } from 'graphql';
import type { GraphQLFieldResolver, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Info,
  ObjectType,
  Query,
  Resolver,
  Root,
  UseMiddleware,
  buildSchemaSync,
} from 'type-graphql';
import type { MiddlewareFn } from 'type-graphql';
import { READS_ROOT_AND_CONTEXT_ONLY, withDirectResolvers } from '../../../src/schema/direct-resolvers';

let middlewareCalls = 0;
const counting: MiddlewareFn = async (_data, next) => {
  middlewareCalls += 1;
  return next();
};

@ObjectType()
class Gadget {
  @Field()
  name!: string;

  @Field({ name: 'label' })
  internalLabel!: string;
}

/** What the resolvers receive as root: an interface, reflected as Object (as the project's FluxJob roots). */
interface GadgetRoot {
  name: string;
  internalLabel: string;
}

interface GadgetContext {
  suffix: string;
}

@Resolver(() => Gadget)
class GadgetResolver {
  private readonly mark = '!';

  @Query(() => [Gadget])
  gadgets(): Gadget[] {
    return [
      { name: 'a', internalLabel: 'A' },
      { name: 'b', internalLabel: 'B' },
    ];
  }

  @FieldResolver(() => String)
  shout(@Root() gadget: GadgetRoot, @Ctx() ctx: GadgetContext): string {
    return `${gadget.name.toUpperCase()}${ctx.suffix}${this.mark}`;
  }

  @FieldResolver(() => String)
  async where(@Info() info: GraphQLResolveInfo, @Root() gadget: GadgetRoot): Promise<string> {
    return `${info.parentType.name}.${info.fieldName}:${gadget.name}`;
  }

  @FieldResolver(() => String)
  named(@Root('name') name: string): string {
    return name;
  }

  @FieldResolver(() => String)
  typed(@Root() gadget: Gadget): string {
    return gadget instanceof Gadget ? 'instance' : 'plain';
  }

  @FieldResolver(() => String)
  suffix(@Ctx('suffix') suffix: string): string {
    return suffix;
  }

  @FieldResolver(() => String, { nullable: true })
  broken(@Root() gadget: GadgetRoot): string {
    if (gadget.name === 'b') throw new Error(`no ${gadget.name}`);
    return gadget.name;
  }

  @FieldResolver(() => String)
  greeting(@Root() gadget: GadgetRoot, @Arg('prefix', () => String) prefix: string): string {
    return `${prefix} ${gadget.name}`;
  }

  @FieldResolver(() => String)
  @UseMiddleware(counting)
  counted(@Root() gadget: GadgetRoot): string {
    return gadget.name;
  }
}

const build = (): GraphQLSchema =>
  buildSchemaSync({ resolvers: [GadgetResolver], validate: false, emitSchemaFile: false });
const QUERY = parse('{ gadgets { name label shout where named typed suffix broken greeting(prefix: "hi") counted } }');
const run = async (schema: GraphQLSchema): Promise<string> =>
  JSON.stringify(await execute({ schema, document: QUERY, contextValue: { suffix: '?' } }));

describe('withDirectResolvers (type-graphql wrappers left out where nothing needs them)', () => {
  const schema = build();
  const fields = (schema.getType('Gadget') as GraphQLObjectType).getFields();
  const before = new Map<string, GraphQLFieldResolver<unknown, unknown> | undefined>(
    Object.entries(fields).map(([name, field]) => [name, field.resolve]),
  );
  withDirectResolvers(schema, [GadgetResolver]);

  it('leaves a field read from its root without a resolver, and a renamed one with its own', () => {
    expect(before.get('name')).toBeDefined();
    expect(fields['name']?.resolve).toBeUndefined();
    expect(fields['label']?.resolve).toBe(before.get('label'));
  });

  it('calls @Root/@Ctx/@Info handlers directly; arguments, middleware, a typed or picked root keep the wrapper', () => {
    for (const name of ['shout', 'where', 'suffix', 'broken']) expect(fields[name]?.resolve).not.toBe(before.get(name));
    for (const name of ['greeting', 'counted', 'named', 'typed']) expect(fields[name]?.resolve).toBe(before.get(name));
  });

  it('marks a direct call that reads neither arguments nor info: the compiled path skips building them', () => {
    const marked = (name: string): unknown =>
      (fields[name]?.resolve as unknown as Record<symbol, unknown> | undefined)?.[READS_ROOT_AND_CONTEXT_ONLY];
    for (const name of ['shout', 'suffix', 'broken']) expect(marked(name)).toBe(true);
    // @Info reads the resolve info; the wrapped ones (arguments, middleware, typed or picked root) are type-graphql's.
    for (const name of ['where', 'greeting', 'counted', 'named', 'typed']) expect(marked(name)).toBeUndefined();
  });

  it('answers byte for byte what type-graphql’s wrappers answer: data, `this`, a thrown error with its path', async () => {
    middlewareCalls = 0;
    const direct = await run(schema);
    expect(middlewareCalls).toBe(2);
    expect(direct).toBe(await run(build()));
    expect(JSON.parse(direct)).toEqual({
      errors: [expect.objectContaining({ message: 'no b', path: ['gadgets', 1, 'broken'] })],
      data: {
        gadgets: [
          {
            name: 'a',
            label: 'A',
            shout: 'A?!',
            where: 'Gadget.where:a',
            named: 'a',
            typed: 'instance',
            suffix: '?',
            broken: 'a',
            greeting: 'hi a',
            counted: 'a',
          },
          {
            name: 'b',
            label: 'B',
            shout: 'B?!',
            where: 'Gadget.where:b',
            named: 'b',
            typed: 'instance',
            suffix: '?',
            broken: null,
            greeting: 'hi b',
            counted: 'b',
          },
        ],
      },
    });
  });
});
