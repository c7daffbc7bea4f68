import { GraphQLError } from 'graphql';
import { createParameterDecorator } from 'type-graphql';
import { APPID_RULE, isAppId } from '../wechat';

/**
 * A `String!` argument that must be an appid. Anything else is refused as BAD_USER_INPUT,
 * naming the argument, before any resolver code runs, so it can never reach WeChat. The value is
 * not echoed: it is the client's own input and may be huge or hostile.
 */
export function AppIdArg(name: string, description: string): ReturnType<typeof createParameterDecorator> {
  return createParameterDecorator(
    ({ args }) => {
      const value: unknown = args[name];
      if (!isAppId(value)) {
        throw new GraphQLError(`Argument "${name}" is not a valid appid: it must be ${APPID_RULE}.`, {
          extensions: { code: 'BAD_USER_INPUT', argumentName: name },
        });
      }
      return value;
    },
    { arg: { name, typeFunc: () => String, options: { description } } },
  );
}
