# cd to this folder, then: gnuplot e_paper_total_sim_mj-cdf-demo-study-search.gp
set terminal svg size 331,238 dynamic font 'Helvetica,8'
set output 'e_paper_total_sim_mj-cdf-demo-study-search.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics lc rgb 'gray80'
set title 'demo-study-search: E_sim over the wearables' noenhanced
set xlabel 'energy per inference (mJ)' noenhanced
set ylabel 'share of wearables' noenhanced
set yrange [0:*]
set yrange [0:1.02]
set key below height 1
plot 'e_paper_total_sim_mj-cdf-demo-study-search.dat' index 0 using 1:2 with steps lw 1.5 lc rgb '#000000' dt 1 pt 7 title 'f = 1' noenhanced, \
     '' index 1 using 1:2 with steps lw 1.5 lc rgb '#0072B2' dt 2 pt 5 title 'f = 2' noenhanced, \
     '' index 2 using 1:2 with steps lw 1.5 lc rgb '#D55E00' dt 3 pt 9 title 'f = 5' noenhanced, \
     '' index 3 using 1:2 with steps lw 1.5 lc rgb '#009E73' dt 4 pt 13 title 'f = 10' noenhanced, \
     '' index 4 using 1:2 with steps lw 1.5 lc rgb '#CC79A7' dt 5 pt 11 title 'f = 20' noenhanced
set terminal pngcairo size 1035,745 font 'Helvetica,8' fontscale 3.125 linewidth 3.125
set output 'e_paper_total_sim_mj-cdf-demo-study-search.png'
replot
set terminal pdfcairo size 3.45in,2.48in font 'Helvetica,8' linewidth 1
set output 'e_paper_total_sim_mj-cdf-demo-study-search.pdf'
replot
unset output
