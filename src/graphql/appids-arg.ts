import { GraphQLError } from 'graphql';
import { createParameterDecorator } from 'type-graphql';
import { APPID_RULE, isAppId } from '../wechat';

/** The most appids one list argument may name: each may cost WeChat reads. */
export const MAX_APPIDS_PER_LIST = 100;

/**
 * A `[String!]!` argument whose every item must be an appid, at most MAX_APPIDS_PER_LIST of
 * them. Anything else is refused as BAD_USER_INPUT naming the argument (and the index), before
 * any resolver code runs, so nothing reaches WeChat. Values are not echoed, as in AppIdArg.
 */
export function AppIdsArg(name: string, description: string): ReturnType<typeof createParameterDecorator> {
  return createParameterDecorator(
    ({ args }) => {
      const value: unknown = args[name];
      if (!Array.isArray(value)) throw badAppIds(name, 'it must be a list of appids');
      if (value.length > MAX_APPIDS_PER_LIST) throw badAppIds(name, `${value.length} appids in one list; at most ${MAX_APPIDS_PER_LIST} are accepted`);
      const bad = value.findIndex((item) => !isAppId(item));
      if (bad >= 0) throw badAppIds(name, `item ${bad} must be ${APPID_RULE}`);
      return value as string[];
    },
    { arg: { name, typeFunc: () => [String], options: { description } } },
  );
}

function badAppIds(name: string, why: string): GraphQLError {
  return new GraphQLError(`Argument "${name}" is not a valid list of appids: ${why}.`, {
    extensions: { code: 'BAD_USER_INPUT', argumentName: name },
  });
}
