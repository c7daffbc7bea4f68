import { GraphQLError } from 'graphql';
import { createParameterDecorator, Int } from 'type-graphql';

const DESCRIPTION =
  'The oldest answer, in seconds, the client accepts from the read cache; 0 asks WeChat now. ' +
  'Omitted: the gateway\'s own age (WECHAT_READ_CACHE_SECONDS; without a read cache every read asks WeChat).';

/**
 * The optional `maxAge: Int` argument of the reads: how old a cached answer may be. A negative
 * value is refused as BAD_USER_INPUT, naming the argument, before anything is read.
 */
export function MaxAgeArg(): ReturnType<typeof createParameterDecorator> {
  return createParameterDecorator(
    ({ args }) => {
      const value: unknown = args['maxAge'];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new GraphQLError('Argument "maxAge" must be a number of seconds, 0 or more (0 asks WeChat now).', {
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'maxAge' },
        });
      }
      return value;
    },
    { arg: { name: 'maxAge', typeFunc: () => Int, options: { nullable: true, description: DESCRIPTION } } },
  );
}
