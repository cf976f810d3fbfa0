META
key;value
budget;100
PROJECTS
project_id;cost;name
1;60;"a;b ""q""
x"
2;0;None
3;40.5;c
VOTES
voter_id;vote;points
v1;1,2;3,4
v2;;
v3;3,1;1,1
