/**
 * The Lua scripts of the Redis store: each a read-then-write that must be atomic across replicas
 * (an owner-checked unlock, compare-and-delete, "newer wins", the read cache's generations).
 */
/** Deletes KEYS[1] only while it holds ARGV[1]: an owner-checked unlock. */
export const UNLOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/** Deletes the token at KEYS[1] only while its value is ARGV[1]: compare-and-delete. */
export const DELETE_TOKEN_IF = `
local current = redis.call('get', KEYS[1])
if current and cjson.decode(current).value == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

/** Stores the ticket ARGV[1] (JSON) unless the stored one has a later createTime (ARGV[2]). */
export const PUT_TICKET = `
local current = redis.call('get', KEYS[1])
if current and tonumber(cjson.decode(current).createTime) > tonumber(ARGV[2]) then return 0 end
redis.call('set', KEYS[1], ARGV[1])
return 1`;

// The read cache: one hash per appid, `<prefix>reads:<appid>`, holding `gen` (the generation) and
// `v:<name>` = `<expiresAt ms>|<value>`. Expiry is judged by Redis's own clock (TIME), so replicas
// whose clocks differ still agree on what has expired.
const REDIS_NOW = `local t = redis.call('time') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** The generation and the values that have not expired, as a flat list of names and values. */
export const GET_READS = `${REDIS_NOW}
local all = redis.call('hgetall', KEYS[1])
local out = {}
for i = 1, #all, 2 do
  local name, value = all[i], all[i + 1]
  if name == 'gen' then
    out[#out + 1] = name out[#out + 1] = value
  else
    local bar = string.find(value, '|', 1, true)
    if bar and tonumber(string.sub(value, 1, bar - 1)) > now then out[#out + 1] = name out[#out + 1] = string.sub(value, bar + 1) end
  end
end
return out`;

/** ARGV: generation, name, value, ttl ms, keep ms. Stores only while the generation is unchanged. */
export const PUT_READ = `${REDIS_NOW}
if tonumber(redis.call('hget', KEYS[1], 'gen') or '0') ~= tonumber(ARGV[1]) then return 0 end
redis.call('hset', KEYS[1], ARGV[2], string.format('%d', now + tonumber(ARGV[4])) .. '|' .. ARGV[3])
if redis.call('pttl', KEYS[1]) < tonumber(ARGV[5]) then redis.call('pexpire', KEYS[1], ARGV[5]) end
return 1`;

/** ARGV: keep ms. A new generation, and no values. */
export const DROP_READS = `
redis.call('hincrby', KEYS[1], 'gen', 1)
for _, name in ipairs(redis.call('hkeys', KEYS[1])) do
  if name ~= 'gen' then redis.call('hdel', KEYS[1], name) end
end
if redis.call('pttl', KEYS[1]) < tonumber(ARGV[1]) then redis.call('pexpire', KEYS[1], ARGV[1]) end
return 1`;

/** ARGV: value, ttl ms. Stores the record unless one is there; answers the one there, or nil. */
export const CREATE_RECORD = `
if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return false end
return redis.call('get', KEYS[1])`;

/** ARGV: expected, value, ttl ms. Replaces the record only while it is still the expected one. */
export const REPLACE_RECORD = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

/** ARGV: expected. Deletes the record only while it is still the expected one. */
export const DELETE_RECORD = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/** How often "still unavailable" may be logged while Redis stays down. */
