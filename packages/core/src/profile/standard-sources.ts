import type { ProfileSource } from './profile-schema.ts';

/**
 * The report sources every city has (seeds 001, 002): the hotlines, the public's apps, the
 * inspectors' app, cameras and vehicles, patrols, petitions and the press. A profile adds its
 * own or renames these by code. `discovery` says who found the problem: `patrol` counts for
 * 发现率 (the discovery rate), `device` is off-site (非现场) discovery.
 * The first four codes are those citygrid accepted before profiles, kept for stored reports.
 */
export const STANDARD_SOURCES: readonly ProfileSource[] = [
  { code: '12345', name: '12345政务服务便民热线', en: '12345 hotline', discovery: 'public' },
  { code: 'app', name: '市民App', en: 'Citizen app', discovery: 'public' },
  { code: 'wechat', name: '微信（全民城管）', en: 'WeChat', discovery: 'public' },
  { code: 'patrol', name: '网格巡查', en: 'Patrol', discovery: 'patrol' },
  { code: '12319', name: '12319城建热线', en: '12319 hotline', discovery: 'public' },
  { code: 'inspector-app', name: '城管通', en: "Inspectors' app", discovery: 'patrol' },
  { code: 'camera', name: '视频监控（天眼）', en: 'Camera', discovery: 'device' },
  { code: 'vehicle', name: '车载巡查（卫星监管）', en: 'Vehicle', discovery: 'device' },
  { code: 'petition', name: '信访', en: 'Petition letter', discovery: 'public' },
  { code: 'media', name: '媒体曝光', en: 'Media', discovery: 'public' },
];
