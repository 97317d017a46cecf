import type { SourceDocument } from './material-types';

/**
 * The documents the materials catalogue cites (docs/domain.md §1, source ids). `researchRef` is
 * the source id there. Titles are domain data in Chinese, shown to caseworkers next to each item.
 */
export interface SourceDocumentInfo {
  title: string;
  level: 'shulan' | 'jilin' | 'national' | 'common_practice';
  researchRef: string | undefined;
}

export const SOURCE_DOCUMENTS: Readonly<Record<SourceDocument, SourceDocumentInfo>> = {
  shulan_2023_9: { title: '舒政办发〔2023〕9号', level: 'shulan', researchRef: undefined },
  mca_2021_57_dibao: {
    title: '民发〔2021〕57号《最低生活保障审核确认办法》',
    level: 'national',
    researchRef: 'S1',
  },
  mca_2021_tekun: { title: '民政部《特困人员认定办法》（2021年修订）', level: 'national', researchRef: 'S2' },
  state_council_649: {
    title: '《社会救助暂行办法》（国务院令第649号）',
    level: 'national',
    researchRef: 'S3',
  },
  mca_2018_temporary_aid: {
    title: '民政部 财政部《关于进一步加强和改进临时救助工作的意见》（2018）',
    level: 'national',
    researchRef: 'S4',
  },
  mca_2024_rigid_expense: {
    title: '民政部《刚性支出困难家庭认定办法》（2025年1月1日施行）',
    level: 'national',
    researchRef: 'S7',
  },
  jilin_covid_temporary_aid_guide: {
    title: '吉林省疫情防控期间临时救助申请指南（第三方转载，可信度中）',
    level: 'jilin',
    researchRef: 'S12',
  },
  common_practice: {
    title: '常见做法（现有依据未列明，待市民政局确认）',
    level: 'common_practice',
    researchRef: undefined,
  },
};
