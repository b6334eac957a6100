// A small bundled stand-in for Clerk's breached-password check (Have I Been Pwned): the most
// common passwords of public breach lists, compared case-insensitively. Shorter ones are listed
// too, for instances whose length rule would let them through.

const COMMON = new Set([
  'password', 'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  '123456', '1234567', '12345678', '123456789', '1234567890', '0123456789', '12341234', '11111111',
  '00000000', '88888888', '87654321', '987654321', '123123123', '112233445566', '1q2w3e4r', '1q2w3e4r5t',
  '1qaz2wsx', 'qwerty', 'qwerty123', 'qwertyui', 'qwertyuiop', 'qwerty12', 'asdfghjk', 'asdfghjkl',
  'zxcvbnm1', 'zaq12wsx', 'abc12345', 'abcd1234', 'a1b2c3d4', 'aa123456', 'iloveyou', 'iloveyou1',
  'sunshine', 'princess', 'football', 'baseball', 'welcome1', 'welcome123', 'letmein1', 'trustno1',
  'superman', 'starwars', 'whatever', 'computer', 'internet', 'michelle', 'jennifer', 'charlie1',
  'master12', 'dragon12', 'monkey12', 'shadow12', 'freedom1', 'changeme', 'admin123', 'administrator',
  'secret123', 'default1', 'test1234', 'testtest', 'qazwsxedc', 'q1w2e3r4', 'q1w2e3r4t5', 'passport',
  'mustang1', 'access14', 'batman12', 'pokemon1', 'liverpool', 'chelsea1', 'samsung1', 'google123',
])

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase())
}
