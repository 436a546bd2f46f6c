/** What the 导入 page says (src/web/pages/import.ts); the report itself is the console's (ledger-import.ts). */
export const webImportText = {
  webImportTitle: '导入台账',
  webImportNav: '导入',
  webImportIntro:
    '上传一个 .xlsx 台账（不超过 20 MB）。先试算：列出将新增、更新、不变的行和每一处问题（工作表、行、列），此时不写入任何数据；没有问题时再点「确认导入」。',
  webImportFile: '台账文件',
  webImportCheck: '上传并试算',
  webImportReading: '正在读取…',
  webImportUploading: '正在上传…',
  webImportFailed: '上传失败，请重试。',
  webImportPickFile: '请先选择一个 .xlsx 文件。',
  webImportTooLarge: (limitMb: number) => `文件超过 ${limitMb} MB，不能导入。`,
  webImportConfirm: '确认导入',
  webImportAgain: '重新上传',
  webImportHasProblems: '有问题的行未改正前不能导入，未写入任何数据。请在表格中改正后重新上传。',
  webImportGone: '这次上传已失效（已导入、超过 10 分钟或已退出）。请重新上传。',
  webImportProjectsLink: '查看项目',
} as const;
