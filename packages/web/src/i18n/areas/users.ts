import { defineTexts } from "../define.ts";

// The organization administrator's head-office and region users (/admin/users), and the texts of the member
// list that screen shares with the branch manager's staff (ui/members.tsx).
export const userTexts = defineTexts({
  "w.users.nav": ["总部与片区用户", "Head-office and region users"],
  "w.users.title": ["总部与片区用户", "Head-office and region users"],
  "w.users.hint": [
    "总部督导查看全部管理处,片区督导只看本片区的管理处;项目经理在此列出,由管理处管理其员工。",
    "Head-office supervisors see every branch, region supervisors their region's; branch managers are listed here and run their own staff.",
  ],
  "w.users.login": ["登录名", "Login"],
  "w.users.scope": ["片区 / 管理处", "Region or branch"],
  "w.users.headOffice": ["总部", "Head office"],
  "w.users.add": ["添加总部或片区用户", "Add a head-office or region user"],
  "w.users.addGo": ["添加并生成邀请链接", "Add and make the invite link"],
  "w.users.role": ["岗位", "Role"],
  "w.users.region": ["负责片区", "Region"],
  "w.users.chooseRegion": ["请选择片区", "Choose a region"],
  "w.users.noRegions": ["还没有片区:请先在“片区与管理处”中新增片区", "No regions yet: add one under “Regions and branches” first"],
  "w.users.unsent": [
    "总部和片区用户不收短信,请把链接交给 {name} 本人",
    "Head-office and region users get no SMS: hand the link to {name} yourself",
  ],
  "w.members.copy": ["复制链接", "Copy the link"],
  "w.members.copied": ["已复制", "Copied"],
  "w.members.expires": ["链接一次有效,{at} 前使用", "The link works once, until {at}"],
  "w.members.confirmReactivate": [
    "恢复 {name} 的账号?恢复后可用原密码登录。",
    "Reactivate {name}'s account? They can sign in with their old password.",
  ],
  "w.members.cancel": ["取消", "Cancel"],
  "w.members.you": ["本人", "You"],
  "w.members.none": ["还没有人", "Nobody yet"],
});
