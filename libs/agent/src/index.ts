/** The module: agent identity tokens over the token core's clients and cache. */
export { AgentModule } from './agent.module';
/** Port for agent identity tokens (spec E.3–E.5): the requests whose options carry agent parameters. */
export { AgentTokenAcquirer } from './agent-token.acquirer';
