import { GraphQLError } from 'graphql';
import { createParameterDecorator } from 'type-graphql';
import { APPID_RULE, isAppId } from '../wechat';

/**
 * A `String!` argument that must be an appid. Anything else is refused as BAD_USER_INPUT,
 * naming the argument, before any resolver code runs, so it can never reach WeChat. The value is
 * not echoed: it is the client's own input and may be huge or hostile.
 */
export function AppIdArg(name: string, description: string): ReturnType<typeof createParameterDecorator> {
  return CheckedStringArg(name, description, { isValid: isAppId, what: 'appid', rule: APPID_RULE });
}

/** A `String!` argument checked by `isValid`, refused as BAD_USER_INPUT naming it (see AppIdArg). */
export function CheckedStringArg(
  name: string,
  description: string,
  check: { isValid: (value: unknown) => value is string; what: string; rule: string },
): ReturnType<typeof createParameterDecorator> {
  return createParameterDecorator(
    ({ args }) => {
      const value: unknown = args[name];
      if (!check.isValid(value)) {
        throw new GraphQLError(`Argument "${name}" is not a valid ${check.what}: it must be ${check.rule}.`, {
          extensions: { code: 'BAD_USER_INPUT', argumentName: name },
        });
      }
      return value;
    },
    { arg: { name, typeFunc: () => String, options: { description } } },
  );
}
