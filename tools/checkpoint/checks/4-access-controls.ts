import { fail, pass, shown, type Checkpoint, type CheckResult } from '../checkpoint.js';

/**
 * Module 4: API keys and a usage plan in front of the API (the module's other
 * switches, the source-IP resource policy and WAF, are optional and not checked).
 */
export const accessControls: Checkpoint = {
  module: '4',
  title: 'Access controls: an API key and a usage plan',
  async run(probe) {
    const key = probe.target.apiKey;
    const on = 'API keys are on (-c apiKeys=true): the outputs carry the website\'s key';
    if (!key) return [fail(on, 'the outputs have no ApiKey: the stack was started without API keys', 'Stop the local cloud (Ctrl-C) and start it with `npm start -- -c apiKeys=true` (with your --auth-mode).')];
    const results: CheckResult[] = [pass(on)];
    const { auth } = await probe.riderAuth();
    const without = await probe.call({ ...auth });
    results.push(
      without.status === 403 && /"message":"Forbidden"/.test(without.text)
        ? pass('POST /ride without x-api-key gets 403 Forbidden, even with valid credentials')
        : fail('POST /ride without x-api-key gets 403 Forbidden', `got ${shown(without)}`),
    );
    const wrong = await probe.call({ ...auth, apiKey: `${key.slice(0, -4)}XXXX` });
    results.push(
      wrong.status === 403 ? pass('POST /ride with a wrong key gets 403 Forbidden') : fail('POST /ride with a wrong key gets 403 Forbidden', `got ${shown(wrong)}`),
    );
    const right = await probe.call({ ...auth, apiKey: key });
    results.push(
      right.status === 201
        ? pass(`POST /ride with the key and the ${probe.mode} mode's credentials gets 201`)
        : fail(`POST /ride with the key and the ${probe.mode} mode's credentials gets 201`, `got ${shown(right)}`),
    );
    return results;
  },
};
