// Messages of the embedded database's lock: who holds a data folder, and what to do. Keys start with 'datalock.'.
import type { Catalogue } from './types.js';

export const datalock = {
  'datalock.heldByServer': {
    'zh-CN': '数据目录 {dir} 正由运行中的服务器使用（进程 {pid}，主机 {host}，地址 {url}）',
    en: 'the data folder {dir} is in use by a running server (pid {pid} on {host}, at {url})',
  },
  'datalock.heldByCli': {
    'zh-CN': '数据目录 {dir} 正由命令行工具使用（npm run import 或 seed，进程 {pid}，主机 {host}）：等它结束后再启动',
    en: 'the data folder {dir} is in use by a command (npm run import or seed; pid {pid} on {host}): start once it has finished',
  },
  'datalock.heldStarting': {
    'zh-CN': '数据目录 {dir} 正由启动中的服务器使用（进程 {pid}，主机 {host}），尚无地址：稍后再试',
    en: 'the data folder {dir} is in use by a server that is starting (pid {pid} on {host}) and has no address yet: try again shortly',
  },
  'datalock.staleTaken': {
    'zh-CN': '数据目录 {dir} 的锁属于已退出的进程 {pid}（{role}），已接管',
    en: 'the lock on the data folder {dir} belonged to process {pid} ({role}), which is gone: taken over',
  },
  'datalock.viaServer': {
    'zh-CN': '通过运行中服务器的接口导入：{url}（账号 {user}）',
    en: 'importing through the running server’s API at {url} (account {user})',
  },
  'datalock.needPassword': {
    'zh-CN':
      '要通过它导入，请用 --password-file 或环境变量 GRIDWALL_IMPORT_PASSWORD 提供账号 {user} 的密码；或者停止服务器（进程 {pid}）后再运行',
    en: 'to import through it, give the password of account {user} with --password-file or GRIDWALL_IMPORT_PASSWORD; or stop the server (pid {pid}) and run again',
  },
  'datalock.serverUnreachable': {
    'zh-CN': '无法连接服务器 {url}（{reason}）：停止服务器（进程 {pid}）后再运行，或稍后重试',
    en: 'cannot reach the server at {url} ({reason}): stop the server (pid {pid}) and run again, or retry later',
  },
  'datalock.loginFailed': {
    'zh-CN': '以账号 {user} 登录服务器 {url} 失败：{reason}',
    en: 'logging in to {url} as {user} failed: {reason}',
  },
  'datalock.decideByServer': {
    'zh-CN': '在服务器上待处理：npm run import -- --accept {id}（或 --cancel {id}），服务器运行期间同样经其接口',
    en: 'pending on the server: npm run import -- --accept {id} (or --cancel {id}), through its API while it runs',
  },
} as const satisfies Catalogue;
